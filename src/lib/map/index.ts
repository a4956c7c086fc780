/**
 * Scenario maps (npm run map): branch diagrams of each scenario as SVG, laid out with elkjs.
 * Build-time only: the app must not import anything from src/lib/map (elkjs alone is 1.6 MB).
 *
 *   scenarioGraph(scenario)   nodes + edges model, with each ending's score range
 *   layoutScenario(scenario)  async: positions from elkjs, rounded, without elk's internal ids
 *   renderSvg(layout)         the standalone, deterministic SVG document
 */
export { scenarioGraph, describeGraph, conditionText, VERDICTS, type ScenarioGraph, type MapNode, type MapEdge, type MapOption } from './graph';
export { layoutScenario, type ScenarioLayout, type PlacedNode, type PlacedEdge, type Direction } from './layout';
export { renderSvg, VERDICT_STROKE, NEXT_STROKE } from './svg';
export { renderIndex, type IndexEntry } from './html';
export { endingRanges, formatRange, type EndingRanges, type ScoreRange } from './ranges';
export { loadScenariosForMaps, loadScenarioFile, type MapSource } from './load';
export { escapeXml } from './text';
