import { describe, expect, it } from 'vitest';
import { defineSimulation } from '../../src/sim/index.js';
import { simulationHelp } from '../../src/sim/help.js';
import { ruleNames, getRule } from '../../src/alignment/index.js';
import { alignmentMnist } from '../../sims/alignment-mnist.js';

const sim = (choiceHelp: Record<string, string>) =>
  defineSimulation({
    name: 'choice-help',
    title: 'choices with descriptions',
    description: 'test',
    params: { pick: { kind: 'choiceList', choices: ['a', 'bb'], choiceHelp, default: ['a'], help: 'what to pick' } },
    run: () => ({}),
  });

describe('per-choice descriptions in --help', () => {
  it('prints one aligned line per described choice under the parameter, in choice order', () => {
    const lines = simulationHelp(sim({ bb: 'the second', a: 'the first' })).split('\n');
    const at = lines.findIndex((l) => l.includes('what to pick'));
    expect(lines.slice(at + 1, at + 3)).toEqual(['        a   the first', '        bb  the second']);
  });

  it('refuses a description of a value that is not a choice', () => {
    expect(() => sim({ c: 'no such choice' })).toThrow(/parameter "pick": choiceHelp describes "c", which is not one of a\|bb/);
  });

  it("alignment-mnist's --help lists every rule with its summary", () => {
    const help = simulationHelp(alignmentMnist);
    for (const name of ruleNames()) expect(help).toMatch(new RegExp(`\\n {8}${name} +${getRule(name).summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  });
});
