/**
 * imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th Edition: one default organization, one item,
 * one SCO resource that lists every file of the built site.
 *
 * Pure functions. Every piece of text goes through the `xml` tagged template, which escapes
 * interpolated strings and numbers; only other `xml` fragments are inserted as they are.
 */

export interface ManifestOptions {
  /** manifest identifier; also the prefix of the organization, item and resource identifiers (must be an XML NCName) */
  identifier: string;
  /** shown by the LMS: used for both the organization and the item title */
  title: string;
  /** the package version (manifest `version` attribute, at most 20 characters) */
  version: string | number;
  /** pass mark 0-100: SCORM 1.2 `adlcp:masteryscore`; SCORM 2004 `imsss:minNormalizedMeasure` = masteryScore / 100 */
  masteryScore: number;
  /** the SCO's launch file, relative to the package root */
  launch: string;
  /** every file of the SCO, relative to the package root, with `/` separators (not the manifest nor the XSDs) */
  files: readonly string[];
}

/** A piece of markup that is already well-formed and escaped. */
export class Xml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type XmlValue = string | number | Xml | readonly Xml[];

// Characters XML 1.0 does not allow at all (even escaped): C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  const bad = INVALID_XML_CHAR.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`text contains U+${code}, which XML 1.0 cannot represent: ${JSON.stringify(text)}`);
  }
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** Tagged template: strings and numbers are escaped, `Xml` fragments (or arrays of them) are inserted as they are. */
export function xml(strings: TemplateStringsArray, ...values: XmlValue[]): Xml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    let piece: string;
    if (value instanceof Xml) piece = value.text;
    else if (Array.isArray(value)) piece = (value as readonly Xml[]).map((v) => v.text).join('');
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into XML`);
      piece = String(value);
    } else piece = escapeXml(value as string);
    out += piece + (strings[i + 1] ?? '');
  });
  return new Xml(out);
}

/** ASCII subset of an XML NCName, safe for xsd:ID in every LMS. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** A file path as a URI reference for `href`, percent-encoded where needed ("a b/c#.html" -> "a%20b/c%23.html"). */
export function fileHref(path: string): string {
  return encodeURI(path).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

interface Checked {
  identifier: string;
  title: string;
  version: string;
  masteryScore: number;
  launch: string;
  files: string[];
}

function check(opts: ManifestOptions): Checked {
  if (!NCNAME.test(opts.identifier)) {
    throw new Error(`manifest identifier "${opts.identifier}" must start with a letter or "_" and use only letters, digits, ".", "-" and "_"`);
  }
  const title = opts.title.trim();
  if (!title) throw new Error('manifest title must not be empty');
  const version = String(opts.version);
  if (!version || version.length > 20) throw new Error(`manifest version "${version}" must be 1 to 20 characters`);
  if (!Number.isFinite(opts.masteryScore) || opts.masteryScore < 0 || opts.masteryScore > 100) {
    throw new Error(`masteryScore ${opts.masteryScore} must be a number from 0 to 100`);
  }
  const files = [...new Set(opts.files)].sort();
  for (const f of files) {
    if (!f || f.startsWith('/') || f.includes('\\') || f.split('/').some((s) => s === '..' || s === '.' || s === '')) {
      throw new Error(`file path "${f}" must be relative to the package root, with "/" separators`);
    }
  }
  if (!files.includes(opts.launch)) throw new Error(`launch file "${opts.launch}" is not in the files list`);
  return { identifier: opts.identifier, title, version, masteryScore: opts.masteryScore, launch: opts.launch, files };
}

const fileList = (files: readonly string[]): Xml[] => files.map((f) => xml`
      <file href="${fileHref(f)}"/>`);

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The identifiers derived from the manifest identifier (distinct suffixes keep them unique as xsd:ID needs). */
export function manifestIds(identifier: string): { org: string; item: string; resource: string } {
  return { org: `${identifier}-org`, item: `${identifier}-item`, resource: `${identifier}-sco` };
}

/** Namespace declarations for <manifest>: the default namespace, the prefixed ones, xsi and its schemaLocation pairs. */
function namespaceDecls(defaultNs: string, prefixed: Record<string, string>, locations: [string, string][]): Xml {
  const decls = [
    xml`
    xmlns="${defaultNs}"`,
    ...Object.entries({ ...prefixed, xsi: 'http://www.w3.org/2001/XMLSchema-instance' }).map(
      ([prefix, ns]) => xml`
    xmlns:${new Xml(prefix)}="${ns}"`,
    ),
    xml`
    xsi:schemaLocation="${locations.map(([ns, file]) => `${ns} ${file}`).join(' ')}"`,
  ];
  return xml`${decls}`;
}

/** What differs between the two versions; the rest of the manifest is shared. */
interface Flavour {
  /** namespace declarations and xsi:schemaLocation on <manifest> */
  namespaces: Xml;
  schemaversion: string;
  /** the adlcp attribute naming the resource type: "scormtype" in 1.2, "scormType" in 2004 */
  scormTypeAttr: 'adlcp:scormtype' | 'adlcp:scormType';
  /** what the one item carries after its title */
  itemExtra: Xml;
}

function render(o: Checked, f: Flavour): string {
  const ids = manifestIds(o.identifier);
  return XML_DECL + xml`<manifest identifier="${o.identifier}" version="${o.version}"${f.namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${f.schemaversion}</schemaversion>
  </metadata>
  <organizations default="${ids.org}">
    <organization identifier="${ids.org}">
      <title>${o.title}</title>
      <item identifier="${ids.item}" identifierref="${ids.resource}" isvisible="true">
        <title>${o.title}</title>${f.itemExtra}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${ids.resource}" type="webcontent" ${new Xml(f.scormTypeAttr)}="sco" href="${fileHref(o.launch)}">${fileList(o.files)}
    </resource>
  </resources>
</manifest>
`.text;
}

/** SCORM 1.2 imsmanifest.xml. */
export function manifest12(opts: ManifestOptions): string {
  const o = check(opts);
  return render(o, {
    namespaces: namespaceDecls('http://www.imsproject.org/xsd/imscp_rootv1p1p2', { adlcp: 'http://www.adlnet.org/xsd/adlcp_rootv1p2' }, [
      ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
      ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
    ]),
    schemaversion: '1.2',
    scormTypeAttr: 'adlcp:scormtype',
    // An LMS may judge passed/failed from score.raw against the mastery score itself (Moodle does at
    // LMSFinish). The course sends score.raw only once every scenario is finished, as the rounded
    // course percentage, so the LMS's judgement and the course's agree and nothing is judged part-way.
    itemExtra: xml`
        <adlcp:masteryscore>${o.masteryScore}</adlcp:masteryscore>`,
  });
}

/** 0.7 for 70; at most 4 decimals, no float noise ("0.3", not "0.30000000000000004"). */
function normalizedMeasure(masteryScore: number): string {
  return String(Number((masteryScore / 100).toFixed(4)));
}

/** SCORM 2004 4th Edition imsmanifest.xml. */
export function manifest2004(opts: ManifestOptions): string {
  const o = check(opts);
  // The pass mark goes into sequencing, as the primary objective of the one item:
  // satisfiedByMeasure="true" with minNormalizedMeasure = passMark / 100. Why:
  //  - the LMS then initialises cmi.scaled_passing_score to that value (RTE 4.2.20), and by
  //    RTE 4.2.22 it evaluates cmi.success_status from cmi.score.scaled against it, so the LMS and
  //    the SCO use the same pass mark from one source (course.yaml) instead of two that can drift;
  //  - the SCO still sets score.scaled and success_status itself (the player does), and with the
  //    same pass mark both agree, so an LMS that ignores sequencing loses nothing.
  // The objective deliberately has no objectiveID: a primary objective with an ID is copied into
  // cmi.objectives by the LMS at launch, which would collide with the objective ids the SCO writes.
  // It validates against imsss_v1p0objective.xsd (tests/unit/scorm checks it).
  return render(o, {
    namespaces: namespaceDecls(
      'http://www.imsglobal.org/xsd/imscp_v1p1',
      {
        adlcp: 'http://www.adlnet.org/xsd/adlcp_v1p3',
        adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
        adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
        imsss: 'http://www.imsglobal.org/xsd/imsss',
      },
      [
        ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
        ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
        ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
        ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
        ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
      ],
    ),
    schemaversion: '2004 4th Edition',
    scormTypeAttr: 'adlcp:scormType',
    itemExtra: xml`
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${normalizedMeasure(o.masteryScore)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>`,
  });
}
