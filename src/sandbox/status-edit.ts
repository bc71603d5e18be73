/**
 * Editing a status (`PUT /api/v1/statuses/:id`) as Mastodon's UpdateStatusService does: every field is
 * replaced by what the request gives, so a field left out is cleared (no `media_ids`: the media go; no
 * `poll`: the poll goes). The version before is kept in `edits` for `/history`; a poll whose options or
 * kind change loses its votes. Those who reblogged the status get an "update" notification.
 */
import type { SandboxContext } from "./context.js";
import { notify } from "./notify.js";
import type { ParamObject } from "./params.js";
import type { AccountRecord, MediaRecord, StatusEditRecord, StatusRecord } from "./records.js";
import { validationFailed } from "./reply.js";
import type { SandboxRequest } from "./request.js";
import { notifyMentioned, renderContent } from "./status-create.js";
import { checkMedia, chooseLanguage, recordErrors } from "./status-input.js";
import { createPoll, type PollInput, readPollInput } from "./status-poll.js";

interface MediaAttributes {
  id: string;
  description: string | undefined;
  focus: { x: number; y: number } | undefined;
}

/** `media_attributes[][id]`, `[description]`, `[focus]` ("x,y", each -1 to 1). */
function readMediaAttributes(req: SandboxRequest): MediaAttributes[] {
  const raw = req.param("media_attributes");
  const items: unknown[] = Array.isArray(raw)
    ? raw
    : raw && typeof raw === "object"
      ? Object.values(raw)
      : [];
  return items.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const obj = item as ParamObject;
    const id = req.string("id", obj);
    if (id === undefined) return [];
    return [{ id, description: req.string("description", obj), focus: parseFocus(req.string("focus", obj)) }];
  });
}

function parseFocus(value: string | undefined): { x: number; y: number } | undefined {
  const m = value === undefined ? null : /^\s*(-?[\d.]{1,20})\s*,\s*(-?[\d.]{1,20})\s*$/.exec(value);
  if (!m) return undefined;
  const x = Number(m[1]);
  const y = Number(m[2]);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 1 && Math.abs(y) <= 1
    ? { x, y }
    : undefined;
}

function snapshot(status: StatusRecord, ctx: SandboxContext): StatusEditRecord {
  const poll = status.poll_id ? ctx.state.polls.get(status.poll_id) : undefined;
  return {
    text: status.text,
    spoiler_text: status.spoiler_text,
    sensitive: status.sensitive,
    media_ids: [...status.media_ids],
    poll_options: poll ? [...poll.options] : null,
    created_at: status.edited_at ?? status.created_at,
  };
}

function samePoll(a: PollInput, options: readonly string[], multiple: boolean): boolean {
  return (
    a.multiple === multiple &&
    a.options.length === options.length &&
    a.options.every((o, i) => o === options[i])
  );
}

export function editStatus(
  ctx: SandboxContext,
  author: AccountRecord,
  status: StatusRecord,
  req: SandboxRequest,
): StatusRecord {
  const { state } = ctx;
  const poll = readPollInput(req);
  const media = checkMedia(ctx, author, req.strings("media_ids"), poll !== undefined, status.id);
  const spoilerGiven = req.string("spoiler_text");
  let text = (req.string("status") ?? "").trim();
  let spoiler = (spoilerGiven ?? "").trim();
  if (text === "" && spoiler !== "") {
    text = spoiler;
    spoiler = "";
  }
  const errors = recordErrors(ctx, text, spoiler, media.length > 0, poll);
  if (errors.length > 0) throw validationFailed(errors.join(", "));

  status.edits.push(snapshot(status, ctx));
  const rendered = renderContent(ctx, text);
  const before = new Set(status.mention_ids);
  status.text = text;
  status.content = rendered.html;
  status.spoiler_text = spoiler;
  status.sensitive = (req.boolean("sensitive") ?? false) || spoiler !== "";
  status.language = chooseLanguage(req.string("language"), status.language, author.language);
  status.mention_ids = rendered.mentions.map((a) => a.id);
  status.tags = rendered.tags;
  replaceMedia(ctx, status, media, readMediaAttributes(req));
  replacePoll(ctx, status, poll);
  status.edited_at = new Date(ctx.now()).toISOString();
  ctx.changed();
  ctx.events.emit({ type: "status.updated", status });
  notifyMentioned(ctx, status, new Set(status.mention_ids.filter((id) => !before.has(id))));
  const rebloggers = new Set(state.statuses.lookup("reblog", status.id).map((r) => r.account_id));
  for (const accountId of rebloggers) notify(ctx, accountId, "update", status.account_id, status.id);
  return status;
}

function replaceMedia(
  ctx: SandboxContext,
  status: StatusRecord,
  media: MediaRecord[],
  attributes: MediaAttributes[],
): void {
  const kept = new Set(media.map((m) => m.id));
  for (const id of status.media_ids) {
    const old = ctx.state.media.get(id);
    if (old && !kept.has(id)) old.status_id = null;
  }
  for (const m of media) {
    m.status_id = status.id;
    const attrs = attributes.find((a) => a.id === m.id);
    if (attrs?.description !== undefined) m.description = attrs.description;
    if (attrs?.focus !== undefined) m.focus = attrs.focus;
  }
  status.media_ids = media.map((m) => m.id);
}

function replacePoll(ctx: SandboxContext, status: StatusRecord, poll: PollInput | undefined): void {
  const old = status.poll_id ? ctx.state.polls.get(status.poll_id) : undefined;
  if (!poll) {
    if (old) ctx.state.polls.delete(old.id);
    status.poll_id = null;
    return;
  }
  if (old && samePoll(poll, old.options, old.multiple)) {
    old.hide_totals = poll.hide_totals;
    old.expires_at = new Date(ctx.now() + (poll.expires_in ?? 0) * 1000).toISOString();
    return;
  }
  if (old) ctx.state.polls.delete(old.id);
  status.poll_id = createPoll(ctx, status.id, poll).id;
}
