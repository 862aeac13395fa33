import { z } from 'zod';

/*
 * gongkai.config.json: a zone's (or a department's) project settings, found upward from the
 * working directory. Paths are relative to the file's folder.
 */

const dirs = z.array(z.string().min(1, { error: '路径不能为空' }), { error: '须为文件夹路径的列表' });

export const ProjectConfig = z
  .strictObject({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    templateSet: z.string().regex(/^[a-z0-9-]+$/, { error: '模板集名称只能含小写字母、数字和连字符' }).optional().meta({ description: '模板集：init 写入新数据文件；数据没有写模板集时，build、batch、preview、validate、export 也用它（数据写了的用数据的；--template-set 优先于两者）' }),
    fontPaths: dirs.optional().meta({ description: '字体文件夹（在 gongkai 自带字体之前查找；可放 roles.json 指定各角色的字体）' }),
    templates: dirs.optional().meta({ description: '模板集所在的文件夹（每个模板集一个子文件夹），在 gongkai 自带模板之前查找' }),
    data: z.string().min(1).optional().meta({ description: '部门数据文件（JSON 或填报表）所在的文件夹：不带参数的 build、batch、validate 处理它' }),
    out: z.string().min(1).optional().meta({ description: '输出文件夹（默认 out）' }),
    year: z.int().min(2000).max(2100).optional().meta({ description: 'init 新建数据时的预算年度' }),
    strict: z.boolean().optional().meta({ description: 'true：有警告也算失败（validate、build、batch）' }),
  })
  .meta({ title: 'gongkai 项目配置', description: 'gongkai.config.json：一个区（或部门）的模板、字体、数据和输出文件夹' });

export type ProjectConfig = z.infer<typeof ProjectConfig>;
