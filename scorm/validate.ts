/**
 * Validates an imsmanifest.xml against the official SCORM XSDs in scorm/schemas (libxml2-wasm),
 * plus the rules those lax XSDs do not enforce: exact schema/schemaversion, the scormtype /
 * scormType spelling, non-empty titles, a default organization that exists, references that
 * resolve, every href present in the package, and a schemaLocation naming files that are shipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlElement,
  XmlLibError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
} from 'libxml2-wasm';

export type ScormVersion = '1.2' | '2004';

export interface ManifestError {
  line: number;
  /** 0 when libxml2 does not report a column (schema validity errors) */
  col: number;
  message: string;
  /** parse: not well-formed XML; xsd: the official schemas; rule: checks the schemas miss */
  kind: 'parse' | 'xsd' | 'rule';
}

export interface ManifestResult {
  ok: boolean;
  errors: ManifestError[];
}

interface VersionRules {
  dir: 'scorm12' | 'scorm2004';
  cpNs: string;
  adlcpNs: string;
  schemaversion: string;
  /** the adlcp attribute naming the resource type, with the spelling of the other version */
  scormTypeAttr: string;
  wrongScormTypeAttr: string;
  /** namespaces the xsi:schemaLocation must map to a shipped XSD */
  schemaLocations: Record<string, string>;
}

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const RULES: Record<ScormVersion, VersionRules> = {
  '1.2': {
    dir: 'scorm12',
    cpNs: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    adlcpNs: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    schemaversion: '1.2',
    scormTypeAttr: 'scormtype',
    wrongScormTypeAttr: 'scormType',
    schemaLocations: {
      'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
      'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
    },
  },
  '2004': {
    dir: 'scorm2004',
    cpNs: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    adlcpNs: 'http://www.adlnet.org/xsd/adlcp_v1p3',
    schemaversion: '2004 4th Edition',
    scormTypeAttr: 'scormType',
    wrongScormTypeAttr: 'scormtype',
    schemaLocations: {
      'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
      'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
    },
  },
};

/** Namespaces imported by the in-memory wrapper schema, with the file that defines each. */
const WRAPPER_IMPORTS: Record<ScormVersion, Record<string, string>> = {
  '1.2': {
    'http://www.imsproject.org/xsd/imscp_rootv1p1p2': 'imscp_rootv1p1p2.xsd',
    'http://www.adlnet.org/xsd/adlcp_rootv1p2': 'adlcp_rootv1p2.xsd',
    'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1': 'imsmd_rootv1p2p1.xsd',
  },
  '2004': {
    'http://www.imsglobal.org/xsd/imscp_v1p1': 'imscp_v1p1.xsd',
    'http://www.adlnet.org/xsd/adlcp_v1p3': 'adlcp_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlseq_v1p3': 'adlseq_v1p3.xsd',
    'http://www.adlnet.org/xsd/adlnav_v1p3': 'adlnav_v1p3.xsd',
    'http://www.imsglobal.org/xsd/imsss': 'imsss_v1p0.xsd',
  },
};

/** The folder of official schema files for a version: copied as is to the root of each package. */
export function schemaDir(version: ScormVersion): string {
  return fileURLToPath(new URL(`./schemas/${RULES[version].dir}/`, import.meta.url));
}

/** File names in the schema folder of a version. */
export function schemaFiles(version: ScormVersion): string[] {
  return readdirSync(schemaDir(version)).sort();
}

const MANIFEST_URL = 'imsmanifest.xml';
/** Virtual location of the schemas for libxml2's resolver; relative imports resolve inside it. */
const virtualDir = (version: ScormVersion) => `/scorm-validate/${RULES[version].dir}/`;

let providerRegistered = false;
const validators = new Map<ScormVersion, XsdValidator>();

function registerSchemas(): void {
  if (providerRegistered) return;
  const data: Record<string, Uint8Array> = {};
  for (const version of ['1.2', '2004'] as const) {
    for (const name of schemaFiles(version)) {
      let bytes: Uint8Array = readFileSync(schemaDir(version) + name);
      if (version === '1.2' && name === 'imsmd_rootv1p2p1.xsd') {
        // libxml2 rejects this schema as "content model is not determinist" (an <xsd:any
        // namespace="##any"> after optional elements of the same namespace). "##other" keeps its
        // meaning for manifests (extensions come from other namespaces); the shipped file is untouched.
        const text = Buffer.from(bytes).toString('utf8');
        const fixed = text.replace('namespace="##any"', 'namespace="##other"');
        if (fixed === text) throw new Error('imsmd_rootv1p2p1.xsd: expected namespace="##any" to patch in memory');
        bytes = Buffer.from(fixed, 'utf8');
      }
      data[virtualDir(version) + name] = bytes;
    }
  }
  xmlRegisterInputProvider(new XmlBufferInputProvider(data));
  providerRegistered = true;
}

/** The compiled schema of a version: compiled on first use, then reused. */
function validatorFor(version: ScormVersion): XsdValidator {
  const cached = validators.get(version);
  if (cached) return cached;
  registerSchemas();
  // A schema that only imports the namespaces a manifest uses; its url makes the imports resolve
  // to the registered buffers.
  const doc = XmlDocument.fromString(wrapperSchema(version), { url: virtualDir(version) + 'wrapper.xsd' });
  try {
    const validator = XsdValidator.fromDoc(doc);
    validators.set(version, validator);
    return validator;
  } finally {
    doc.dispose();
  }
}

function wrapperSchema(version: ScormVersion): string {
  const imports = Object.entries(WRAPPER_IMPORTS[version])
    .map(([ns, file]) => `  <xsd:import namespace="${ns}" schemaLocation="${file}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xsd:schema>\n`;
}

/** Frees the compiled schemas (they are rebuilt on the next call). */
export function disposeValidators(): void {
  for (const v of validators.values()) v.dispose();
  validators.clear();
}

function libErrors(e: unknown, kind: 'parse' | 'xsd'): ManifestError[] {
  if (!(e instanceof XmlLibError)) throw e;
  // Keep only what concerns the manifest itself: ims_xml.xsd, for one, always warns
  // "xml namespace URI cannot be the default namespace", which says nothing about the manifest.
  const own = e.details.filter((d: ErrorDetail) => d.file === undefined || d.file === MANIFEST_URL);
  const details = own.length ? own : e.details;
  if (!details.length) return [{ line: 0, col: 0, message: e.message.trim(), kind }];
  return details.map((d) => ({ line: d.line, col: d.col, message: d.message.trim(), kind }));
}

/** Validates an imsmanifest.xml. With `files` (every path in the package), hrefs must name one of them. */
export function validateManifest(xml: string, version: ScormVersion, files?: readonly string[]): ManifestResult {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { url: MANIFEST_URL });
  } catch (e) {
    return { ok: false, errors: libErrors(e, 'parse') };
  }
  try {
    const errors: ManifestError[] = [];
    try {
      validatorFor(version).validate(doc);
    } catch (e) {
      errors.push(...libErrors(e, 'xsd'));
    }
    errors.push(...ruleErrors(doc, xml, version, files));
    errors.sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: errors.length === 0, errors };
  } finally {
    doc.dispose();
  }
}

function children(el: XmlElement, ns: string, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.next) {
    if (n instanceof XmlElement && n.name === name && n.namespaceUri === ns) out.push(n);
  }
  return out;
}

function attrValue(el: XmlElement, name: string, ns = ''): string | null {
  const a = el.attrs.find((x) => x.name === name && (x.namespaceUri ?? '') === ns);
  return a ? a.value : null;
}

/** Decodes an href as written in the manifest back to a package path. */
function hrefPath(href: string): string {
  const noQuery = href.split(/[?#]/, 1)[0] ?? '';
  try {
    return decodeURIComponent(noQuery);
  } catch {
    return noQuery;
  }
}

function ruleErrors(doc: XmlDocument, source: string, version: ScormVersion, files?: readonly string[]): ManifestError[] {
  const r = RULES[version];
  const lines = source.split(/\r\n|\r|\n/);
  const errors: ManifestError[] = [];
  const at = (el: XmlElement, message: string) => {
    // libxml2 gives the line where the element's start tag ends; report where it begins:
    // the nearest "<qname" at or above that line (col 0 if not found).
    const qname = (el.prefix ? el.prefix + ':' : '') + el.name;
    const open = new RegExp(`<${qname.replace(/[.]/g, '\\.')}(?=[\\s/>]|$)`);
    for (let n = el.line; n >= 1 && n > el.line - 50; n--) {
      const i = (lines[n - 1] ?? '').search(open);
      if (i >= 0) {
        errors.push({ line: n, col: i + 1, message, kind: 'rule' });
        return;
      }
    }
    errors.push({ line: el.line, col: 0, message, kind: 'rule' });
  };

  const root = doc.root;
  if (root.name !== 'manifest' || root.namespaceUri !== r.cpNs) {
    at(root, `root element must be <manifest> in namespace ${r.cpNs} for SCORM ${version}`);
    return errors; // nothing below can be found in the expected places
  }

  // metadata: exact schema and schemaversion
  const metadata = children(root, r.cpNs, 'metadata')[0];
  if (!metadata) {
    at(root, `<metadata> with <schema>ADL SCORM</schema> and <schemaversion>${r.schemaversion}</schemaversion> is missing`);
  } else {
    const schema = children(metadata, r.cpNs, 'schema')[0];
    if (!schema) at(metadata, '<schema>ADL SCORM</schema> is missing');
    else if (schema.content.trim() !== 'ADL SCORM') at(schema, `<schema> must be exactly "ADL SCORM", not "${schema.content.trim()}"`);
    const sv = children(metadata, r.cpNs, 'schemaversion')[0];
    if (!sv) at(metadata, `<schemaversion>${r.schemaversion}</schemaversion> is missing`);
    else if (sv.content.trim() !== r.schemaversion) {
      at(sv, `<schemaversion> must be exactly "${r.schemaversion}" for SCORM ${version}, not "${sv.content.trim()}"`);
    }
  }

  // xsi:schemaLocation names each namespace and a schema file that is shipped with the package
  const locationAttr = attrValue(root, 'schemaLocation', XSI_NS);
  const shipped = new Set(schemaFiles(version));
  if (locationAttr === null) {
    at(root, 'xsi:schemaLocation is missing');
  } else {
    const parts = locationAttr.trim().split(/\s+/);
    const map = new Map<string, string>();
    for (let i = 0; i + 1 < parts.length; i += 2) map.set(parts[i]!, parts[i + 1]!);
    if (parts.length % 2 !== 0) at(root, 'xsi:schemaLocation must be pairs of "namespace file"');
    for (const [ns, file] of Object.entries(r.schemaLocations)) {
      const given = map.get(ns);
      if (given === undefined) at(root, `xsi:schemaLocation does not name ${ns} (${file})`);
      else if (given !== file) at(root, `xsi:schemaLocation maps ${ns} to "${given}", expected "${file}"`);
    }
    for (const [ns, file] of map) {
      if (!shipped.has(file)) at(root, `xsi:schemaLocation names "${file}" for ${ns}, which is not among the package's schema files`);
    }
  }

  // resources: scorm type spelling, hrefs present in the package
  const resourceIds = new Set<string>();
  const fileSet = files ? new Set(files) : null;
  const checkHref = (el: XmlElement, href: string, what: string) => {
    if (!fileSet) return;
    const path = hrefPath(href);
    if (!fileSet.has(path)) at(el, `${what} "${href}" is not a file of the package`);
  };
  let scoCount = 0;
  for (const resources of children(root, r.cpNs, 'resources')) {
    for (const res of children(resources, r.cpNs, 'resource')) {
      const id = attrValue(res, 'identifier');
      if (id) resourceIds.add(id);
      const label = `resource "${id ?? '?'}"`;
      const scormType = attrValue(res, r.scormTypeAttr, r.adlcpNs);
      const misspelt = res.attrs.filter(
        (a) => a.name.toLowerCase() === 'scormtype' && !(a.name === r.scormTypeAttr && a.namespaceUri === r.adlcpNs),
      );
      for (const a of misspelt) {
        const written = (a.prefix ? a.prefix + ':' : '') + a.name;
        at(res, `${label}: attribute ${written} must be adlcp:${r.scormTypeAttr} (SCORM ${version} spells it "${r.scormTypeAttr}"${a.name === r.wrongScormTypeAttr ? `; "${r.wrongScormTypeAttr}" is the other SCORM version's spelling` : ''}) in namespace ${r.adlcpNs}`);
      }
      if (scormType === null && !misspelt.length) at(res, `${label}: adlcp:${r.scormTypeAttr} is missing`);
      // a misspelt scorm type is reported above: do not report "no SCO" on top of it
      if (scormType === 'sco' || misspelt.some((a) => a.value.toLowerCase() === 'sco')) scoCount++;
      const href = attrValue(res, 'href');
      if (href !== null) checkHref(res, href, `${label}: href`);
      else if (scormType === 'sco') at(res, `${label}: a SCO resource needs an href (its launch file)`);
      for (const file of children(res, r.cpNs, 'file')) {
        const fh = attrValue(file, 'href');
        if (fh !== null) checkHref(file, fh, '<file> href');
      }
    }
  }
  if (scoCount === 0) at(root, `no resource has adlcp:${r.scormTypeAttr}="sco"`);

  // organizations: default exists, titles present, items refer to resources
  const organizations = children(root, r.cpNs, 'organizations')[0];
  if (organizations) {
    const orgs = children(organizations, r.cpNs, 'organization');
    const def = attrValue(organizations, 'default');
    if (!orgs.length) at(organizations, 'no <organization>');
    if (def === null) at(organizations, '<organizations> has no default attribute');
    else if (!orgs.some((o) => attrValue(o, 'identifier') === def)) {
      at(organizations, `default organization "${def}" is not the identifier of any <organization>`);
    }
    const checkTitle = (el: XmlElement, label: string) => {
      const title = children(el, r.cpNs, 'title')[0];
      if (!title) at(el, `${label} has no <title>`);
      else if (!title.content.trim()) at(title, `${label} has an empty <title>`);
    };
    const walkItems = (parent: XmlElement) => {
      for (const item of children(parent, r.cpNs, 'item')) {
        const label = `item "${attrValue(item, 'identifier') ?? '?'}"`;
        checkTitle(item, label);
        const ref = attrValue(item, 'identifierref');
        const subItems = children(item, r.cpNs, 'item');
        if (ref !== null && !resourceIds.has(ref)) at(item, `${label}: identifierref "${ref}" is not the identifier of any <resource>`);
        if (ref === null && !subItems.length) at(item, `${label}: a leaf item needs an identifierref to a resource`);
        if (version === '1.2') {
          for (const m of children(item, r.adlcpNs, 'masteryscore')) {
            const v = m.content.trim();
            const n = Number(v);
            if (!/^-?\d+(\.\d+)?$/.test(v) || n < 0 || n > 100) at(m, `${label}: adlcp:masteryscore "${v}" must be a number from 0 to 100`);
          }
        }
        walkItems(item);
      }
    };
    for (const org of orgs) {
      checkTitle(org, `organization "${attrValue(org, 'identifier') ?? '?'}"`);
      if (!children(org, r.cpNs, 'item').length) at(org, `organization "${attrValue(org, 'identifier') ?? '?'}" has no <item>`);
      walkItems(org);
    }
  }
  return errors;
}
