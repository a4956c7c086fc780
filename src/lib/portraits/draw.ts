/**
 * Build-time portraits: each declared person is drawn once with DiceBear's Open Peeps style
 * (Pablo Stanley, CC0 1.0; @dicebear/core and the style's code are MIT), from the author's settings,
 * then made small: half scale, svgo with whole-number coordinates, no metadata, no mask, no ids
 * (9–17 KB raw → 3–5 KB, about 1.5–2.3 KB gzipped). The result is
 * the inner markup of one <symbol> (viewBox PORTRAIT_VIEWBOX) that travels with its scenario's data;
 * the player writes one symbol per person and every appearance is a <use> of it.
 * Nothing is fetched, here or in the browser. Never imported by the app.
 */
import { createAvatar } from '@dicebear/core';
import * as openPeeps from '@dicebear/open-peeps';
import { optimize } from 'svgo';
import type { PortraitSpec } from '../course/types';

/** the Open Peeps canvas (704 units) drawn at half scale: whole numbers then stay short, and at the
 * sizes portraits are shown (up to 96 px) a unit is still under a third of a pixel */
export const PORTRAIT_VIEWBOX = '0 0 352 352';

type Options = openPeeps.Options & { seed: string };

export function portraitOptions(p: PortraitSpec): Options {
  return {
    seed: 'portrait',
    head: [p.hair as never],
    face: [(p.face ?? 'calm') as never],
    ...(p.facialHair && p.facialHair !== 'none' ? { facialHair: [p.facialHair as never], facialHairProbability: 100 } : { facialHairProbability: 0 }),
    ...(p.glasses && p.glasses !== 'none' ? { accessories: [p.glasses as never], accessoriesProbability: 100 } : { accessoriesProbability: 0 }),
    skinColor: [p.skin],
    ...(p.hairColour ? { headContrastColor: [p.hairColour] } : {}),
    clothingColor: [p.clothing ?? '8fa7df'],
    // Open Peeps draws a mask over the bust; none here
    maskProbability: 0,
  } as unknown as Options;
}

/** The raw DiceBear SVG document (for measuring what the optimisation saves). */
export const rawPortrait = (p: PortraitSpec): string => createAvatar(openPeeps, portraitOptions(p)).toString();

/** The optimised inner markup of the portrait's symbol. */
export function drawPortrait(p: PortraitSpec): string {
  const raw = rawPortrait(p)
    // the metadata block is the licence notice (credited on the About page) and the mask only clips to the canvas
    .replace(/<metadata[\s\S]*?<\/metadata>/, '')
    .replace(/<mask id="viewboxMask">[\s\S]*?<\/mask>/, '')
    .replace(/ mask="url\(#viewboxMask\)"/g, '')
    .replace('viewBox="0 0 704 704"', `viewBox="${PORTRAIT_VIEWBOX}"`)
    .replace(/^(<svg[^>]*>)([\s\S]*)(<\/svg>)$/, '$1<g transform="scale(.5)">$2</g>$3');
  const svg = optimize(raw, {
    multipass: true,
    floatPrecision: 0,
    plugins: ['preset-default', 'removeXMLNS'],
  }).data;
  const m = /^<svg[^>]*>([\s\S]*)<\/svg>$/.exec(svg);
  if (!m) throw new Error('portrait: unexpected SVG from the optimiser');
  return m[1];
}
