/**
 * Read markers: where the user stopped reading the home timeline and the notifications, saved on
 * the server so that other apps can continue from there.
 * Docs: https://docs.joinmastodon.org/methods/markers/
 */
import { MastodonIllegalArgumentError } from "../../core/errors.js";
import type { Marker } from "../../entities/index.js";
import type { CustomMethods, NoOptions } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { requireId, requireOneOf, requireOptions } from "../validate.js";
import { MARKER_TIMELINES } from "./constants.js";

/** One of MARKER_TIMELINES: "home" or "notifications". */
export type MarkerTimeline = (typeof MARKER_TIMELINES)[number];

/** Markers by timeline name; a timeline without a saved marker is absent. */
export type Markers = Partial<Record<MarkerTimeline, Marker>>;

/** Options of markersGet. An unknown timeline name, or an empty list, throws MastodonIllegalArgumentError. */
export interface MarkersGetOptions {
  /** Which timeline(s) to read: "home" (default), "notifications", or both in a list. */
  timeline?: MarkerTimeline | readonly MarkerTimeline[] | undefined;
}

export interface MarkerCustomMethods {
  /**
   * The saved read positions of the given timelines ("home" unless `timeline` says otherwise).
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/markers/#get
   */
  markersGet: { args: []; options: MarkersGetOptions; result: Markers };
  /**
   * Saves read positions: `timelines` ("home", "notifications", or a list) with the id of the
   * last status or notification read in each (a list of the same length, or one id). Mastodon
   * ignores unknown timeline names silently, so they are refused here before anything is sent.
   * Mastodon 3.0.0. https://docs.joinmastodon.org/methods/markers/#create
   */
  markersSet: {
    args: [timelines: MarkerTimeline | readonly MarkerTimeline[], last_read_ids: IdLike | readonly IdLike[]];
    options: NoOptions;
    result: Markers;
  };
}

const GET: EndpointSpec = { route: "GET /api/v1/markers", since: "3.0.0", docs: "methods/markers/#get" };
const SET: EndpointSpec = { route: "POST /api/v1/markers", since: "3.0.0", docs: "methods/markers/#create" };

function timelineList(method: string, name: string, value: unknown): MarkerTimeline[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    throw new MastodonIllegalArgumentError(
      `${method}(): ${name} must name at least one timeline ("home" or "notifications").`,
    );
  }
  return list.map((item) => requireOneOf(method, name, item, MARKER_TIMELINES));
}

export const markerCustom = {
  async markersGet(options) {
    const method = "markersGet";
    requireOptions(method, options);
    const timeline = timelineList(method, "timeline", options?.timeline ?? "home");
    return (await this[INTERNAL].call(method, GET, [{ timeline }])) as Markers;
  },
  async markersSet(timelines, last_read_ids) {
    const method = "markersSet";
    const names = timelineList(method, "timelines", timelines);
    const ids = Array.isArray(last_read_ids) ? last_read_ids : [last_read_ids];
    if (ids.length !== names.length) {
      throw new MastodonIllegalArgumentError(
        `${method}(): give one last_read_id per timeline; got ${names.length} timeline(s) and ${ids.length} id(s).`,
      );
    }
    if (new Set(names).size !== names.length) {
      throw new MastodonIllegalArgumentError(`${method}(): each timeline may be given only once.`);
    }
    const body: Record<string, { last_read_id: string }> = {};
    names.forEach((name, index) => {
      body[name] = { last_read_id: requireId(method, "last_read_ids", ids[index]) };
    });
    return (await this[INTERNAL].call(method, SET, [body])) as Markers;
  },
} satisfies CustomMethods<MarkerCustomMethods>;
