import { createHash } from 'node:crypto';
import { jobOf } from '../job.js';
import { load } from '../runtime.js';

/*
 * PDF/A-3 (ISO 19005-3) with the department's data inside. pdfkit's own subset writes the
 * pdfaid XMP and an sRGB OutputIntent, but reads the ICC profile from its own folder with fs —
 * against the rule that only load touches the disk (and impossible from a startup snapshot,
 * where pdfkit's folder is not beside the bundle); the profile's bytes come with the print, as
 * the fonts' do. What the subset leaves out is added here, before pdfkit writes its metadata:
 * the associated files (AFRelationship /Source, dated from the document, never the file
 * system), our own XMP properties declared in a PDF/A extension schema (a validator refuses an
 * undeclared one), xmp:ModifyDate and xmp:MetadataDate equal to the information dictionary's
 * ModDate, and a PDF/UA claim beside the PDF/A one (pdfkit's subset says only one of them).
 */

/** A file carried inside the PDF as an associated file of the document. */
export interface ArchiveFile {
  /** The name a reader's attachment panel shows (and verify finds it by). */
  name: string;
  bytes: Buffer;
  /** MIME type. */
  type: string;
  description: string;
}

export interface ArchiveInput {
  /** The sRGB ICC profile's bytes (the OutputIntent). */
  profile: Buffer;
  files: readonly ArchiveFile[];
  /** Our XMP properties (namespace NS, prefix `gongkai`): name → text. */
  properties: Readonly<Record<string, string>>;
}

/** Our XMP namespace: gongkai's properties, declared in the extension schema below. */
export const XMP_NS = 'https://gongkai.cn/ns/pdf/1.0/';
export const XMP_PREFIX = 'gongkai';

/** What each of our properties means, for the extension schema (a validator reads it). */
const DESCRIBED: Record<string, string> = {
  version: 'gongkai version that made the document',
  templateSet: 'template set the document was rendered with',
  templateSetDigest: 'SHA-256 of the template set files',
  unit: 'budget unit of a unit document (empty: the department document)',
  dataFile: 'name of the embedded data file (JSON)',
  dataSha256: 'SHA-256 of the embedded data file',
  sourceFile: 'name of the embedded workbook the data was read from',
  sourceSha256: 'SHA-256 of the embedded workbook',
  draft: 'date printed on a draft (a preview), none on a document to publish',
};

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmpDate = (d: Date) => d.toISOString().split('.')[0] + 'Z';

function property(name: string, description: string, namespace: 'pdfaProperty'): string {
  return `<rdf:li rdf:parseType="Resource"><${namespace}:name>${name}</${namespace}:name><${namespace}:valueType>Text</${namespace}:valueType><${namespace}:category>internal</${namespace}:category><${namespace}:description>${esc(description)}</${namespace}:description></rdf:li>`;
}

function schema(title: string, uri: string, prefix: string, props: ReadonlyArray<[string, string]>): string {
  return `<rdf:li rdf:parseType="Resource"><pdfaSchema:schema>${esc(title)}</pdfaSchema:schema><pdfaSchema:namespaceURI>${uri}</pdfaSchema:namespaceURI><pdfaSchema:prefix>${prefix}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${props.map(([n, d]) => property(n, d, 'pdfaProperty')).join('')}</rdf:Seq></pdfaSchema:property></rdf:li>`;
}

/** The XMP our properties, their declaration and the dates add (pdfkit writes the rest). */
export function archiveXmp(archive: Pick<ArchiveInput, 'properties'>, modified: Date, pdfua: boolean): string {
  const names = Object.keys(archive.properties).sort();
  const schemas = names.length > 0 ? [schema('gongkai 部门预算公开', XMP_NS, XMP_PREFIX, names.map((n) => [n, DESCRIBED[n] ?? n]))] : [];
  // pdfuaid is not among XMP's predefined schemas: declared like ours
  if (pdfua) schemas.push(schema('PDF/UA identification', 'http://www.aiim.org/pdfua/ns/id/', 'pdfuaid', [['part', 'PDF/UA version identifier']]));
  return [
    ...(schemas.length === 0 ? [] : [`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag>${schemas.join('')}</rdf:Bag></pdfaExtension:schemas></rdf:Description>`]),
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate></rdf:Description>`,
    ...(names.length > 0 ? [`<rdf:Description rdf:about="" xmlns:${XMP_PREFIX}="${XMP_NS}">${names.map((n) => `<${XMP_PREFIX}:${n}>${esc(archive.properties[n]!)}</${XMP_PREFIX}:${n}>`).join('')}</rdf:Description>`] : []),
    ...(pdfua ? ['<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>'] : []),
  ].join('\n');
}

/**
 * An associated file, written here rather than by pdfkit's file(): its CheckSum is the MD5's 16
 * bytes, as ISO 32000 says (pdfkit writes the 32 hex digits as text). Every file is deflated, a
 * workbook too: its zip leaves enough for Flate to take ~30% off (the fixture's 128 KB).
 */
function attach(doc: Doc, f: ArchiveFile, date: Date): void {
  // a MIME type as a PDF name: '/' and anything else outside the regular characters as #XX
  const subtype = f.type.replace(/[^A-Za-z0-9.+-]/g, (c) => `#${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const stream = doc.ref({ Type: 'EmbeddedFile', Subtype: subtype, Params: { CreationDate: date, ModDate: date, CheckSum: createHash('md5').update(f.bytes).digest(), Size: f.bytes.length } });
  stream.end(f.bytes);
  const spec = doc.ref({ Type: 'Filespec', AFRelationship: 'Source', F: new String(f.name), UF: new String(f.name), EF: { F: stream, UF: stream }, Desc: new String(f.description) });
  spec.end();
  doc.addNamedEmbeddedFile(f.name, spec);
  const af = (doc._root.data.AF ??= []) as unknown[];
  af.push(spec);
}

interface Ref {
  write(b: Buffer): void;
  end(b?: Buffer): void;
}

interface Doc {
  info: { CreationDate?: Date; ModDate?: Date };
  subset?: number;
  appendXML(xml: string): void;
  ref(data: Record<string, unknown>): Ref;
  addNamedEmbeddedFile(name: string, ref: Ref): void;
  _root: { data: Record<string, unknown> };
  _addColorOutputIntent?: () => void;
}

export function installArchiveHook(): void {
  // pdfmake's subclass, whose own end (rules.ts draws pending rules in it) is what pdfmake calls
  const Kit = load<{ prototype: { end(this: Doc): unknown } }>('PDFDocument').prototype;
  const end = Kit.end;
  Kit.end = function (this: Doc) {
    const job = jobOf(this);
    if (!job?.has('archive')) return end.call(this);
    const date = this.info.ModDate ?? this.info.CreationDate ?? new Date(0);
    const archive = job.archive;
    // PDF/UA only of a document the tags hook gave its structure tree (what makes the claim true is theirs)
    const pdfua = job.claims.pdfua === true && job.taggedPdf && job.has('tags');
    if (archive || pdfua) this.appendXML(archiveXmp(archive ?? { properties: {} }, date, pdfua));
    if (archive) {
      for (const f of archive.files) attach(this, f, date);
      // the OutputIntent from the profile given, not from pdfkit's folder
      this._addColorOutputIntent = function (this: Doc) {
        const profile = this.ref({ N: 3 });
        profile.write(archive.profile);
        profile.end();
        const intent = this.ref({ Type: 'OutputIntent', S: 'GTS_PDFA1', Info: new String('sRGB IEC61966-2.1'), OutputConditionIdentifier: new String('sRGB IEC61966-2.1'), DestOutputProfile: profile });
        intent.end();
        this._root.data.OutputIntents = [intent];
      };
    }
    return end.call(this);
  };
}
