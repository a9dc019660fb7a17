import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Config } from '../config';
import { limitRules } from './limits';

/**
 * The validation rules every document passes on every transport, built once per server:
 * the document limits and, unless introspection is on, no `__schema` / `__type`.
 */
export function validationRules(config: Config): ValidationRule[] {
  return [...limitRules(config.limits), ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/**
 * "Did you mean …?" suggestions name fields, types and enum values the caller did not ask
 * for: they reveal the schema, so they are cut wherever introspection is off and in production.
 */
export function hidesSuggestions(config: Config): boolean {
  return config.production || !config.introspection;
}

/** The message without its suggestion (the same cut as Apollo's DisableSuggestions plugin). */
export function withoutSuggestion(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}
