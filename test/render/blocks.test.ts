import { describe, expect, it } from 'vitest';
import { inlineRuns, parseBlocks } from '../../src/render/blocks.js';
import { TemplateError } from '../../src/render/handlebars.js';

describe('parseBlocks', () => {
  it('reads one block per directive line and joins continuation lines', () => {
    const blocks = parseBlocks('::part 第一部分 概况\n\n::p 第一行\n第二行\n::table t01\n');
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['part', '第一部分 概况'],
      ['p', '第一行\n第二行'],
      ['table', 't01'],
    ]);
    expect(blocks[2]!.line).toBe(5);
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
