import { checkFacts, checkSame } from '../../bench/answer-check';
import { minimumCalls, SUITE } from '../../bench/suite';

/**
 * The benchmarks refuse to measure wrong answers: an empty answer, or the Igtimi fleet screen
 * with its boats but no values (what the benchmarks measured while the seeded data lay
 * outside the read window), fails every screen's check instead of producing numbers.
 */
describe('benchmark answer checks', () => {
  it.each(SUITE.map((screen) => [screen.name, screen] as const))('%s refuses an empty answer', (_name, screen) => {
    const empty = { devices: { totalCount: 0, edges: [] }, things: { totalCount: 0, edges: [] }, groups: { totalCount: 0, edges: [] }, channels: { edges: [] }, books: { edges: [] } };
    expect(() => checkFacts(screen.name, screen.expected, screen.facts(empty))).toThrow(/not what the screen shows/);
  });

  it('refuses the fleet screen with boats but no measurement values', () => {
    const fleet = SUITE.find((screen) => screen.name === 'igtimi-fleet-dashboard')!;
    const boatsWithoutValues = { devices: { edges: Array.from({ length: 15 }, (_, i) => ({ node: { name: `boat ${i}`, serialNumber: `GA-EN-${i}`, measurements: [] } })) } };
    expect(() => checkFacts(fleet.name, fleet.expected, fleet.facts(boatsWithoutValues))).toThrow(/values/);
  });

  it('refuses an answer that differs from the reference, saying where', () => {
    expect(() => checkSame('screen', 'the naive run', { a: [1, 2] }, { a: [1, 3] })).toThrow(/differs from the naive run/);
    expect(() => checkSame('screen', 'the naive run', { a: [1, 2] }, { a: [1, 2] })).not.toThrow();
  });

  it('states each screen’s minimum calls as the sum of its plan', () => {
    const fleet = SUITE.find((screen) => screen.name === 'igtimi-fleet-dashboard')!;
    expect(minimumCalls(fleet.minimumPlan)).toEqual({ igtimi: 4 });
  });
});
