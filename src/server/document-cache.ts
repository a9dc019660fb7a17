import { parse, validate, specifiedRules, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * Parse + validate once per distinct document text (subscriptions and WS queries repeat the
 * same few documents). Least recently used entries go first past `size`.
 */
export class DocumentCache {
  private readonly entries = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly maxTokens: number,
    private readonly size = 500,
  ) {}

  get(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    let entry: { document: DocumentNode } | { errors: readonly GraphQLError[] };
    try {
      const document = parse(query, { maxTokens: this.maxTokens });
      const errors = validate(this.schema, document, [...specifiedRules, ...this.rules]);
      entry = errors.length ? { errors } : { document };
    } catch (error) {
      entry = { errors: [error as GraphQLError] };
    }
    this.entries.set(query, entry);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}
