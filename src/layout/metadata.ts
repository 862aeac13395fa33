import type { TDocumentDefinitions } from './engine/index.js';
import type { RenderedMeta } from '../render/index.js';
import type { Marks } from './furniture.js';

/*
 * The PDF's document information (and, from it, pdfkit's XMP packet): the rendered wording, the
 * date from the data — never the clock — and, for a forced build, the 未通过审核 mark in the
 * title, subject and keywords, so no catalogue or search shows it as the real document.
 */

export function metadata(meta: RenderedMeta, marks: Marks): NonNullable<TDocumentDefinitions['info']> {
  const forced = marks.forced ? meta.forced : undefined;
  return {
    title: forced ? `【${forced}】${meta.title}` : meta.title,
    author: meta.author,
    subject: forced ? `${forced}：${meta.subject}` : meta.subject,
    keywords: forced ? `${meta.keywords}, ${forced}` : meta.keywords,
    creator: 'gongkai',
    producer: 'gongkai',
    creationDate: meta.created,
    modDate: meta.created,
  } as NonNullable<TDocumentDefinitions['info']>;
}
