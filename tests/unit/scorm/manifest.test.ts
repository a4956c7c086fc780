import { afterAll, describe, expect, it } from 'vitest';
import { escapeXml, manifest12, manifest2004, xml, type ManifestOptions } from '../../../scorm/manifest.ts';
import { disposeValidators, validateManifest, type ManifestResult, type ScormVersion } from '../../../scorm/validate.ts';

const OPTS: ManifestOptions = {
  identifier: 'digital-boundaries',
  title: 'Digital boundaries: <social> & "media" it\'s',
  version: 1,
  masteryScore: 70,
  launch: 'index.html',
  files: ['index.html', '_app/version.json', 'images/a b#1.svg'],
};
/** everything in the zip: the SCO's files plus what the packager adds */
const PACKAGE_FILES = [...OPTS.files, 'imsmanifest.xml'];

const m12 = manifest12(OPTS);
const m2004 = manifest2004(OPTS);

afterAll(() => disposeValidators());

function errorsOf(result: ManifestResult) {
  return result.errors.map((e) => `${e.line}:${e.col} [${e.kind}] ${e.message}`);
}

function expectOk(xmlText: string, version: ScormVersion) {
  const result = validateManifest(xmlText, version, PACKAGE_FILES);
  expect(errorsOf(result)).toEqual([]);
  expect(result.ok).toBe(true);
}

/** Replaces exactly one occurrence, so a test cannot silently mutate nothing. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) ?? []).length;
  expect(count, `expected exactly one ${String(from)}`).toBe(1);
  return text.replace(from, to);
}

describe('xml template', () => {
  it('escapes interpolated text and numbers but not fragments', () => {
    const inner = xml`<b>${'x<y'}</b>`;
    expect(xml`<a t="${'"&\''}">${inner}${[inner, inner]}${7}</a>`.text).toBe(
      '<a t="&quot;&amp;&apos;"><b>x&lt;y</b><b>x&lt;y</b><b>x&lt;y</b>7</a>',
    );
  });
  it('refuses characters XML cannot carry', () => {
    expect(() => escapeXml('bell\u0007')).toThrow(/U\+0007/);
    expect(escapeXml('tab\tok\n')).toBe('tab\tok\n');
  });
});

describe('generated manifests', () => {
  it('SCORM 1.2 validates against the official XSDs and the rules', () => expectOk(m12, '1.2'));
  it('SCORM 2004 4th Edition validates against the official XSDs and the rules', () => expectOk(m2004, '2004'));

  it('SCORM 1.2 has the required version markers and mastery score', () => {
    expect(m12).toContain('<schema>ADL SCORM</schema>');
    expect(m12).toContain('<schemaversion>1.2</schemaversion>');
    expect(m12).toContain('adlcp:scormtype="sco"');
    expect(m12).not.toContain('scormType');
    expect(m12).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');
    expect(m12).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"');
    expect(m12).toContain('http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd');
  });

  it('SCORM 2004 has the required version markers and the pass mark as a primary objective', () => {
    expect(m2004).toContain('<schemaversion>2004 4th Edition</schemaversion>');
    expect(m2004).toContain('adlcp:scormType="sco"');
    expect(m2004).not.toContain('scormtype');
    expect(m2004).not.toContain('masteryscore');
    expect(m2004).toMatch(/<imsss:primaryObjective satisfiedByMeasure="true">\s*<imsss:minNormalizedMeasure>0\.7<\/imsss:minNormalizedMeasure>/);
    expect(m2004).not.toContain('objectiveID');
    for (const ns of ['imscp_v1p1', 'adlcp_v1p3', 'adlseq_v1p3', 'adlnav_v1p3', 'imsss']) expect(m2004).toContain(ns);
  });

  it('escapes the title in organization and item, and lists every file once with encoded hrefs', () => {
    for (const m of [m12, m2004]) {
      const titles = m.match(/<title>[^<]*<\/title>/g);
      expect(titles).toEqual([
        '<title>Digital boundaries: &lt;social&gt; &amp; &quot;media&quot; it&apos;s</title>',
        '<title>Digital boundaries: &lt;social&gt; &amp; &quot;media&quot; it&apos;s</title>',
      ]);
      expect(m.match(/<file href="[^"]*"\/>/g)).toEqual([
        '<file href="_app/version.json"/>',
        '<file href="images/a%20b%231.svg"/>',
        '<file href="index.html"/>',
      ]);
      expect(m).toContain('href="index.html">');
    }
  });

  it('is deterministic and follows the pass mark', () => {
    expect(manifest2004(OPTS)).toBe(m2004);
    expect(manifest2004({ ...OPTS, masteryScore: 30 })).toContain('<imsss:minNormalizedMeasure>0.3</imsss:minNormalizedMeasure>');
    expect(manifest12({ ...OPTS, masteryScore: 85 })).toContain('<adlcp:masteryscore>85</adlcp:masteryscore>');
    expectOk(manifest2004({ ...OPTS, masteryScore: 100 }), '2004');
    expectOk(manifest2004({ ...OPTS, masteryScore: 0 }), '2004');
  });

  it('refuses options that cannot make a valid manifest', () => {
    expect(() => manifest12({ ...OPTS, identifier: '1 bad id' })).toThrow(/identifier/);
    expect(() => manifest12({ ...OPTS, title: '  ' })).toThrow(/title/);
    expect(() => manifest2004({ ...OPTS, masteryScore: 101 })).toThrow(/masteryScore/);
    expect(() => manifest2004({ ...OPTS, launch: 'start.html' })).toThrow(/launch file/);
    expect(() => manifest2004({ ...OPTS, files: ['index.html', '../escape.js'] })).toThrow(/relative/);
    expect(() => manifest12({ ...OPTS, version: 'x'.repeat(21) })).toThrow(/version/);
  });
});

describe('broken manifests are caught', () => {
  const cases: { name: string; version: ScormVersion; xml: () => string; expected: RegExp; kind: 'xsd' | 'rule' | 'parse' }[] = [
    {
      name: '1.2 with 2004 spelling scormType',
      version: '1.2',
      xml: () => replaceOnce(m12, 'adlcp:scormtype="sco"', 'adlcp:scormType="sco"'),
      expected: /adlcp:scormType must be adlcp:scormtype/,
      kind: 'rule',
    },
    {
      name: '2004 with 1.2 spelling scormtype',
      version: '2004',
      xml: () => replaceOnce(m2004, 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"'),
      expected: /adlcp:scormtype must be adlcp:scormType/,
      kind: 'rule',
    },
    {
      name: '1.2 scormtype="SCO" (XSD enumeration)',
      version: '1.2',
      xml: () => replaceOnce(m12, 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'),
      expected: /\[facet 'enumeration'\] The value 'SCO' is not an element of the set \{'asset', 'sco'\}/,
      kind: 'xsd',
    },
    {
      name: '2004 scormType="SCO" (XSD enumeration)',
      version: '2004',
      xml: () => replaceOnce(m2004, 'adlcp:scormType="sco"', 'adlcp:scormType="SCO"'),
      expected: /The value 'SCO' is not an element of the set/,
      kind: 'xsd',
    },
    {
      name: '2004 schemaversion in lower case',
      version: '2004',
      xml: () => replaceOnce(m2004, '2004 4th Edition', '2004 4th edition'),
      expected: /<schemaversion> must be exactly "2004 4th Edition" for SCORM 2004, not "2004 4th edition"/,
      kind: 'rule',
    },
    {
      name: '1.2 schemaversion 1.3',
      version: '1.2',
      xml: () => replaceOnce(m12, '<schemaversion>1.2</schemaversion>', '<schemaversion>1.3</schemaversion>'),
      expected: /<schemaversion> must be exactly "1.2"/,
      kind: 'rule',
    },
    {
      name: '2004 organization without a title',
      version: '2004',
      xml: () => replaceOnce(m2004, /\n {6}<title>[^<]*<\/title>/, ''),
      expected: /organization "digital-boundaries-org" has no <title>/,
      kind: 'rule',
    },
    {
      name: '1.2 item with an empty title',
      version: '1.2',
      xml: () => replaceOnce(m12, /(\n {8})<title>[^<]*<\/title>/, '$1<title>  </title>'),
      expected: /item "digital-boundaries-item" has an empty <title>/,
      kind: 'rule',
    },
    {
      name: '2004 default organization that does not exist',
      version: '2004',
      xml: () => replaceOnce(m2004, 'default="digital-boundaries-org"', 'default="other-org"'),
      expected: /default organization "other-org" is not the identifier of any <organization>/,
      kind: 'rule',
    },
    {
      name: '1.2 resource file not in the package',
      version: '1.2',
      xml: () => replaceOnce(m12, '<file href="_app/version.json"/>', '<file href="_app/missing.js"/>'),
      expected: /<file> href "_app\/missing.js" is not a file of the package/,
      kind: 'rule',
    },
    {
      name: '2004 launch href not in the package',
      version: '2004',
      xml: () => replaceOnce(m2004, 'href="index.html">', 'href="start.html">'),
      expected: /resource "digital-boundaries-sco": href "start.html" is not a file of the package/,
      kind: 'rule',
    },
    {
      name: '2004 item pointing at no resource',
      version: '2004',
      xml: () => replaceOnce(m2004, 'identifierref="digital-boundaries-sco"', 'identifierref="nowhere"'),
      expected: /identifierref "nowhere" is not the identifier of any <resource>/,
      kind: 'rule',
    },
    {
      name: '1.2 mastery score out of range',
      version: '1.2',
      xml: () => replaceOnce(m12, '<adlcp:masteryscore>70<', '<adlcp:masteryscore>170<'),
      expected: /adlcp:masteryscore "170" must be a number from 0 to 100/,
      kind: 'rule',
    },
    {
      name: '2004 minNormalizedMeasure above 1 (XSD)',
      version: '2004',
      xml: () => replaceOnce(m2004, '>0.7<', '>1.7<'),
      expected: /minNormalizedMeasure.*maxInclusive/,
      kind: 'xsd',
    },
    {
      name: '2004 without <organizations> (XSD)',
      version: '2004',
      xml: () => replaceOnce(m2004, /<organizations[\s\S]*<\/organizations>/, ''),
      expected: /'\{http:\/\/www.imsglobal.org\/xsd\/imscp_v1p1\}resources': This element is not expected/,
      kind: 'xsd',
    },
    {
      name: '1.2 schemaLocation naming a schema that is not shipped',
      version: '1.2',
      xml: () => replaceOnce(m12, 'adlcp_rootv1p2.xsd"', 'adlcp_rootv1p3.xsd"'),
      expected: /maps http:\/\/www.adlnet.org\/xsd\/adlcp_rootv1p2 to "adlcp_rootv1p3.xsd"/,
      kind: 'rule',
    },
    {
      name: 'a 2004 manifest checked as 1.2',
      version: '1.2',
      xml: () => m2004,
      expected: /No matching global declaration available for the validation root/,
      kind: 'xsd',
    },
    {
      name: 'not well-formed',
      version: '1.2',
      xml: () => replaceOnce(m12, '</manifest>', ''),
      expected: /Premature end of data/,
      kind: 'parse',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const result = validateManifest(c.xml(), c.version, PACKAGE_FILES);
      expect(result.ok).toBe(false);
      const hit = result.errors.find((e) => c.expected.test(e.message));
      expect(hit, `no error matching ${c.expected} in:\n${errorsOf(result).join('\n')}`).toBeDefined();
      expect(hit!.kind).toBe(c.kind);
      expect(hit!.line).toBeGreaterThan(0);
    });
  }

  it('points rule errors at the element: line and column of its start tag', () => {
    const broken = replaceOnce(m2004, '2004 4th Edition', '2004 4th edition');
    const [error] = validateManifest(broken, '2004', PACKAGE_FILES).errors;
    const lines = broken.split('\n');
    expect(lines[error!.line - 1]!.slice(error!.col - 1)).toMatch(/^<schemaversion>2004 4th edition</);
  });

  it('skips the file check when no package file list is given', () => {
    const broken = replaceOnce(m12, '<file href="_app/version.json"/>', '<file href="_app/missing.js"/>');
    expect(validateManifest(broken, '1.2').ok).toBe(true);
    expect(validateManifest(broken, '1.2', PACKAGE_FILES).ok).toBe(false);
  });
});
