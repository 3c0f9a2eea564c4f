import { expect } from 'chai';
import { InputError } from '../../src/errors.js';
import { checkTemplate, placeholdersOf, substitute } from '../../src/plan/command-line.js';

const values = { params: { lr: 0.001, noise: 0.1, name: 'a b', flag: true, list: [1, 2], opt: { momentum: 0.9 } }, seed: 42, repeat: 3, run_id: 'abc123', out: '/r/runs/abc123/out' };

describe('plan/command-line (placeholders)', () => {
  // template → argument: each placeholder becomes text inside the one argument it is in
  const cases: [string, string][] = [
    ['{params.lr}', '0.001'],
    ['--lr={params.lr}', '--lr=0.001'],
    ['{params.name}', 'a b'],
    ['{params.flag}', 'true'],
    ['{params.list}', '[1,2]'],
    ['{params.opt.momentum}', '0.9'],
    ['{params}', JSON.stringify(values.params)],
    ['{seed}', '42'],
    ['{repeat}-{run_id}', '3-abc123'],
    ['{out}/metrics.json', '/r/runs/abc123/out/metrics.json'],
    ['{{seed}}', '{seed}'],
    ['{"a": 1}', '{"a": 1}'],
    ['f"{{x}}"', 'f"{x}"'],
    ['plain', 'plain'],
  ];
  for (const [template, expected] of cases) it(`${template} → ${expected}`, () => expect(substitute(template, values)).to.equal(expected));

  it('lists the placeholders of a template, not escaped braces', () => {
    expect(placeholdersOf('--x={params.lr} {seed} {{out}} {not a name}')).to.deep.equal(['params.lr', 'seed']);
  });

  it('rejects an unknown placeholder and a param the point does not have, naming the key', () => {
    expect(() => checkTemplate('{sed}', values.params, 'f.yaml', 'run.command[2]')).to.throw(InputError, /^f\.yaml: run\.command\[2\]: expected a placeholder \{params\.<key>\}.*found "\{sed\}"$/);
    expect(() => checkTemplate('{params.momentum}', values.params, 'f.yaml', 'run.command[1]')).to.throw(InputError, /run\.command\[1\]: expected a param "momentum" for \{params\.momentum\} \(params: lr, noise, name, flag, list, opt\)/);
    expect(() => checkTemplate('{params.opt.momentum} {seed} {{x}}', values.params, 'f.yaml', 'k')).not.to.throw();
  });
});
