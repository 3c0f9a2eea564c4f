/**
 * The task (binary, multiclass, regression) against the data and the loss: the checks that need both, before
 * any run starts, and the label kind a CSV file is read with.
 */
import type { DataSpec, Study, Task } from '../config/schema.js';
import { declaredClasses } from '../data/generate.js';
import { inputError } from '../errors.js';

/** The task of a study: model.task, binary when absent. */
export function taskOf(model: { readonly task?: Task }): Task {
  return model.task ?? 'binary';
}

/**
 * @throws InputError when the data cannot serve the task (a regression target from a classifier's generator,
 *   more than two classes for a binary model, ...) or train.loss is given for a classification task.
 */
export function checkTaskData(study: Study, where: string): void {
  const task = taskOf(study.model);
  const data = study.data;
  if (study.train.loss !== undefined && task !== 'regression') throw inputError(where, 'train.loss', `no train.loss for model.task ${task} (its loss is cross-entropy); mse and mae are for regression`, study.train.loss);
  if (!('generator' in data)) return;
  const classes = declaredClasses(data);
  if (task === 'regression' && classes !== undefined) {
    throw inputError(where, 'model.task', `a task that fits data.generator ${data.generator} (it makes class labels: binary or multiclass); regression needs friedman1 or a data.file`, task);
  }
  if (task !== 'regression' && classes === undefined) {
    throw inputError(where, 'model.task', `regression for data.generator ${data.generator} (its targets are real numbers)`, task);
  }
  if (task === 'binary' && classes !== undefined && classes > 2) {
    throw inputError(where, 'model.task', `multiclass for data.generator ${data.generator} with ${classes} classes (binary takes two)`, task);
  }
}

/** The data spec a run reads: CSV files learn from model.task what their labels are. */
export function dataForTask(data: DataSpec, task: Task): DataSpec {
  if (!('file' in data) || task === 'binary') return data;
  return { ...data, labels: task === 'multiclass' ? 'classes' : 'real' };
}
