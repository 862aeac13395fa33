import { Option } from 'commander';
import { templateRoots } from '../load/paths.js';
import { templateSetNames } from '../load/templates.js';
import type { SetChoice } from '../pipeline/set-choice.js';
import { UsageError, type CliContext } from './context.js';

/*
 * --template-set: the set for every data file of the run. The order a document's set is chosen
 * in (pipeline/set-choice.ts): this option, then the data's own 模板集 (templateSet), then the
 * project's (gongkai.config.json templateSet), then gongkai's default.
 */

export function templateSetOption(): Option {
  return new Option('--template-set <name>', '用这个模板集生成每一份数据，不论数据里写的模板集（写了别的模板集的数据会给出警告）；不给时用数据的“模板集”，数据未写时用项目配置的 templateSet');
}

/** The run's choice from the option and the project: a set found nowhere along the search path is a usage error naming those found. */
export function setChoice(ctx: CliContext, option: string | undefined): SetChoice {
  const fallback = ctx.config?.templateSet;
  if (option === undefined) return fallback ? { fallback } : {};
  const name = option.trim();
  const found = templateSetNames(templateRoots());
  if (!found.includes(name)) {
    const where = templateRoots().join('、');
    throw new UsageError(`没有模板集“${option}”：${found.length ? `可用的模板集有 ${found.join('、')}` : '没有找到任何模板集'}（在 ${where} 中查找；另外的模板文件夹用 --templates 指定）`);
  }
  return { override: name, ...(fallback ? { fallback } : {}) };
}
