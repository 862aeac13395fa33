import { describe, expect, it } from 'vitest';
import { inlineRuns, parseBlocks } from '../../src/render/blocks.js';
import { TemplateError } from '../../src/render/handlebars.js';
import { seal } from '../../src/render/text.js';

describe('parseBlocks', () => {
  it('reads one block per directive line; a line break in a paragraph starts the next paragraph', () => {
    const blocks = parseBlocks('::part 第一部分 概况\n\n::p 第一行\n第二行\n::table t01\n::h1 标题\n续行\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['part', '第一部分 概况'],
      ['p', '第一行'],
      ['p', '第二行'],
      ['table', 't01'],
      ['h1', '标题\n续行'],
    ]);
    expect(blocks[3]!.line).toBe(5);
  });

  it('hands layout runs, with bold template markup resolved', () => {
    const [b] = parseBlocks('::p **一、名词：**解释');
    expect(b!.runs).toEqual([{ text: '一、名词：', bold: true }, { text: '解释' }]);
    expect(b!.text).toBe('一、名词：解释');
  });

  it('a sealed data string is text: no directive, no bold, its line breaks split the paragraph', () => {
    const data = seal('甲\n::h1 伪造的标题\n::pagebreak\n**不是粗体** 与 {{x}}\r\n乙');
    const blocks = parseBlocks(`::h1 真标题\n::p 开头${data}结尾\n::p 下一段`);
    expect(blocks.map((b) => b.kind)).toEqual(['h1', 'p', 'p', 'p', 'p', 'p', 'p']);
    expect(blocks.map((b) => b.text)).toEqual(['真标题', '开头甲', '::h1 伪造的标题', '::pagebreak', '**不是粗体** 与 {{x}}', '乙结尾', '下一段']);
    expect(blocks.flatMap((b) => b.runs).some((r) => r.bold)).toBe(false);
  });

  it('a sealed line break outside a paragraph is a line break of that block', () => {
    const [b] = parseBlocks(`::cover-name ${seal('第一行\n::h1 第二行')}`);
    expect(b).toMatchObject({ kind: 'cover-name', text: '第一行\n::h1 第二行' });
  });

  it('refuses an unknown block kind, naming the template', () => {
    expect(() => parseBlocks('::paragraph x', 'set/document.hbs')).toThrow(TemplateError);
    expect(() => parseBlocks('::paragraph x', 'set/document.hbs')).toThrow(/set\/document\.hbs.*::paragraph/);
  });

  it('refuses text before the first block', () => {
    expect(() => parseBlocks('孤立的文字\n::p x')).toThrow(/不属于任何块/);
  });
});

describe('inlineRuns', () => {
  it('splits **bold** runs', () => {
    expect(inlineRuns('**一、基本支出：**指为保障')).toEqual([{ text: '一、基本支出：', bold: true }, { text: '指为保障' }]);
    expect(inlineRuns('无加粗')).toEqual([{ text: '无加粗' }]);
  });
});
