import { expect } from 'chai';
import { lastJsonObject, metricsOf } from '../../src/worker/command-metrics.js';

describe('worker/command-metrics', () => {
  it('takes the last line of stdout that is a JSON object', () => {
    const stdout = 'epoch 1 {"not": json\n{"accuracy": 0.5}\n[1, 2]\n{"accuracy": 0.8, "loss": 0.4}\nbye\n';
    expect(lastJsonObject(stdout)).to.deep.equal({ accuracy: 0.8, loss: 0.4 });
    expect(lastJsonObject('no json here\n')).to.equal(undefined);
  });

  it('reads a whole pretty-printed file as one object, and JSON lines by their last line', () => {
    expect(lastJsonObject('{\n  "accuracy": 0.7\n}\n', true)).to.deep.equal({ accuracy: 0.7 });
    expect(lastJsonObject('{"accuracy": 0.1}\n{"accuracy": 0.2}\n', true)).to.deep.equal({ accuracy: 0.2 });
  });

  it('keeps numeric fields with metric names, leaves out the rest and the columns runs.csv has', () => {
    const got = metricsOf({ accuracy: 0.8, epochs: 30, name: 'x', ok: true, nested: { a: 1 }, seed: 5, 'bad name': 1, '1st': 2 }, 'stdout', ['accuracy']);
    expect(got).to.deep.equal({ metrics: { accuracy: 0.8, epochs: 30 } });
  });

  it('fails a run that reports NaN or Infinity (as Python prints them), nothing, or not its required metrics', () => {
    expect(metricsOf(lastJsonObject('{"accuracy": 0.5, "loss": NaN}\n'), 'stdout', [])).to.deep.equal({ error: 'loss is NaN in stdout (diverged?)' });
    expect(metricsOf(lastJsonObject('{"loss": -Infinity}\n'), 'stdout', [])).to.deep.equal({ error: 'loss is -Infinity in stdout (diverged?)' });
    expect(metricsOf(undefined, 'stdout', [])).to.have.property('error').that.matches(/^no JSON object in stdout/);
    expect(metricsOf({ acc: 0.9, loss: 0.1 }, 'stdout', ['accuracy'])).to.deep.equal({ error: 'no "accuracy" in the JSON of stdout (required by sort: or run.columns); it has acc, loss' });
  });
});
