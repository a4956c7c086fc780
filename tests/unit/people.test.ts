/** People declared in a scenario: senders resolve to them (name, portrait id, the learner's own side). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { tempContent } from './helpers';

const demo = readFileSync('tests/fixtures/good/demo.yaml', 'utf8');

describe('people and artefacts', () => {
  it('a sender given as a person id becomes that person; the "you" person is the learner\'s own side', () => {
    const text = demo
      .replace(
        'start: intro\n',
        `people:
  - id: sam
    name: Sam Doe
    age: 29
    role: client
    portrait: { skin: medium-dark, hair: short2, hairColour: black, clothing: teal }
  - id: alex
    name: Alex Kerr
    you: true
    portrait: { skin: light, hair: grayShort, glasses: glasses2 }
reflection: What would you put in your contract now?
start: intro
`,
      )
      .replace(
        `    artefact:
      type: connection-request
      from: Sam Doe
      meta: 1 mutual connection`,
        `    artefact:
      type: message-thread
      messages:
        - from: sam
          day: Sunday
          time: "21:04"
          text: Hi!
        - from: alex
          text: Hello
          read: true
        - from: Riverside Running Club
          text: Welcome to the group`,
      );
    const r = checkContent(tempContent({ demo: text }));
    expect(r.errors).toEqual([]);
    const s = r.course!.scenarios[0];
    expect(s.reflection).toBe('What would you put in your contract now?');
    expect(s.people?.map((p) => [p.id, p.portrait.skin, p.portrait.hairColour])).toEqual([
      ['sam', 'ae5d29', '2c1b18'],
      ['alex', 'ffdbb4', undefined],
    ]);
    const scene = s.nodes[0];
    expect(scene.kind === 'scene' && scene.artefact?.messages).toEqual([
      { from: 'Sam Doe', person: 'sam', day: 'Sunday', time: '21:04', text: 'Hi!' },
      { from: 'Alex Kerr', person: 'alex', mine: true, text: 'Hello', read: true },
      { from: 'Riverside Running Club', text: 'Welcome to the group' },
    ]);
  });

  it('each artefact kind asks for its own fields', () => {
    const text = demo.replace(
      `      type: connection-request
      from: Sam Doe
      meta: 1 mutual connection`,
      `      type: email
      from: Sam Doe
      subject: Hello`,
    );
    const r = checkContent(tempContent({ demo: text }));
    const messages = r.errors.map((e) => e.message);
    expect(messages).toContain('nodes[0].artefact.to: required field is missing');
    expect(messages).toContain('nodes[0].artefact.date: required field is missing');
  });
});
