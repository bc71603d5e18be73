/**
 * Editing a status (Mastodon 3.5): new text, content warning, sensitivity, language, media, poll and
 * quote policy, and new descriptions, focal points or thumbnails of its media (Mastodon 4.1).
 * Docs: https://docs.joinmastodon.org/methods/statuses/#edit
 */

import { toBase64 } from "../../core/base64.js";
import type { Status } from "../../entities/index.js";
import type { CustomMethods } from "../define.js";
import type { EndpointSpec, IdLike } from "../endpoint.js";
import { INTERNAL } from "../internal.js";
import { readFileInput } from "../media/file-input.js";
import { checkDescription, formatFocus } from "../media/media.js";
import type { MediaFile } from "../media/read-file-input.js";
import { buildStatusUpdateParams, type MediaAttribute, type StatusUpdateOptions } from "../status-post.js";
import { requireId, requireOptions } from "../validate.js";

/**
 * Options of generateMediaEditAttributes: the changes to one attached medium, for statusUpdate's
 * `media_attributes`; what is not given stays as it is. A bad description or focus, or a thumbnail
 * that is not an image, throws MastodonIllegalArgumentError; a thumbnail for a server older than
 * 3.2.0 throws MastodonVersionError.
 */
export interface MediaEditAttributesOptions {
  /** New alt text. */
  description?: string | undefined;
  /** New focal point: [x, y] or "x,y", each from -1 to 1 ([0, 0] is the centre). */
  focus?: readonly [x: number, y: number] | string | undefined;
  /** New thumbnail image (audio and video): a path, Blob, bytes or stream. Mastodon 3.2+. */
  thumbnail?: MediaFile | undefined;
  /** The thumbnail's MIME type, when its content does not tell (it usually does). */
  thumb_mimetype?: string | undefined;
}

export interface StatusEditCustomMethods {
  /**
   * Edits one of your statuses. `status` (the new text) is required: pass the old text (from
   * statusSource) to keep it. Options not given stay as they were, except `media_ids` and `poll`,
   * which replace what is attached; changing a poll resets its votes. `media_attributes` (see
   * generateMediaEditAttributes) changes attached media's descriptions, focal points and thumbnails.
   * Mastodon 3.5.0, last changed 4.1.0 (media attributes; `language` 4.0, `quote_approval_policy` 4.5).
   * https://docs.joinmastodon.org/methods/statuses/#edit
   */
  statusUpdate: { args: [id: IdLike, status: string]; options: StatusUpdateOptions; result: Status };
  /**
   * Builds one `media_attributes` entry for statusUpdate: a new description, focal point or
   * thumbnail (read and embedded as a data: URL) for an attached medium. Checked; nothing is sent.
   * https://docs.joinmastodon.org/methods/statuses/#edit
   */
  generateMediaEditAttributes: {
    args: [id: IdLike];
    options: MediaEditAttributesOptions;
    result: MediaAttribute;
  };
}

const EDIT: EndpointSpec = {
  route: "PUT /api/v1/statuses/:id",
  since: "3.5.0",
  changed: "4.1.0",
  docs: "methods/statuses/#edit",
};

const THUMBNAIL_SINCE = "3.2.0";

export const statusEditCustom = {
  async statusUpdate(id, status, options = {}) {
    const name = "statusUpdate";
    const statusId = requireId(name, "id", id);
    const params = buildStatusUpdateParams(name, status, options, this[INTERNAL].featureSet);
    return (await this[INTERNAL].call(name, EDIT, [statusId, params])) as Status;
  },

  async generateMediaEditAttributes(id, options = {}) {
    const name = "generateMediaEditAttributes";
    requireOptions(name, options);
    const attribute: MediaAttribute = { id: requireId(name, "id", id) };
    const description = checkDescription(options.description, name);
    if (description !== undefined) attribute.description = description;
    if (options.focus != null) attribute.focus = formatFocus(options.focus, name);
    if (options.thumbnail != null) {
      const file = await readFileInput(options.thumbnail, {
        what: `${name}: thumbnail`,
        mime_type: options.thumb_mimetype,
        accept: "image",
      });
      await this[INTERNAL].checkVersion(name, THUMBNAIL_SINCE, THUMBNAIL_SINCE);
      attribute.thumbnail = `data:${file.type};base64,${toBase64(new Uint8Array(await file.arrayBuffer()))}`;
    }
    return attribute;
  },
} satisfies CustomMethods<StatusEditCustomMethods>;
