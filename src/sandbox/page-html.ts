/**
 * The watch page at `/`: one self-contained HTML document (inline CSS and script, nothing fetched
 * from elsewhere) that shows the public timeline and each seeded user's notifications, kept live over
 * the sandbox's own streaming API with the users' tokens (read from /sandbox/api/users).
 *
 * The script is plain ES2017 in a string: no backticks and no "${" inside, so it sits in this
 * template literal untouched. Status HTML from the server is rebuilt from a short list of allowed
 * tags rather than inserted as is.
 */
export const WATCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mastodon-ts sandbox</title>
<style>
  :root { color-scheme: light dark; --line: #8884; --muted: #888; --accent: #6364ff; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, sans-serif; }
  header { display: flex; gap: 1em; align-items: baseline; padding: .6em 1em; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 1.1em; margin: 0; }
  #state { font-size: .85em; color: var(--muted); }
  #state.live { color: #2a2; }
  main { display: flex; gap: 1em; padding: 1em; align-items: flex-start; overflow-x: auto; }
  section { flex: 0 0 24em; border: 1px solid var(--line); border-radius: 8px; }
  section h2 { font-size: 1em; margin: 0; padding: .5em .8em; border-bottom: 1px solid var(--line); }
  ol { list-style: none; margin: 0; padding: 0; max-height: 80vh; overflow-y: auto; }
  li { padding: .6em .8em; border-bottom: 1px solid var(--line); }
  li.fresh { animation: fresh 2s ease-out; }
  @keyframes fresh { from { background: #6364ff33; } to { background: transparent; } }
  .who { font-weight: 600; }
  .acct, time, .meta { color: var(--muted); font-size: .85em; }
  .content p { margin: .3em 0; }
  .media { display: flex; flex-wrap: wrap; gap: 4px; margin-top: .3em; }
  .media img { max-width: 100%; max-height: 12em; border-radius: 4px; }
  .poll { margin: .4em 0 0; padding: 0; list-style: none; }
  .poll li { padding: .1em 0; border: 0; display: flex; justify-content: space-between; gap: 1em; }
  .poll .count { color: var(--muted); }
  .empty { color: var(--muted); padding: .6em .8em; }
  a { color: var(--accent); }
</style>
</head>
<body>
<header><h1>mastodon-ts sandbox</h1><span id="state">connecting...</span></header>
<main id="columns">
  <section id="public"><h2>Public timeline</h2><ol></ol></section>
</main>
<script>
"use strict";
(function () {
  var stateEl = document.getElementById("state");
  var columns = document.getElementById("columns");
  var publicList = document.querySelector("#public ol");
  var sockets = {};
  var wsBase = location.origin.replace(/^http/, "ws") + "/api/v1/streaming";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Rebuilds server HTML from allowed elements only: text, p, br, span, a (http/https links).
  function safeHtml(html) {
    var doc = new DOMParser().parseFromString("<div>" + (html || "") + "</div>", "text/html");
    var out = document.createDocumentFragment();
    function copy(from, to) {
      from.childNodes.forEach(function (child) {
        if (child.nodeType === 3) { to.appendChild(document.createTextNode(child.textContent)); return; }
        if (child.nodeType !== 1) return;
        var name = child.nodeName.toLowerCase();
        if (["p", "br", "span", "a"].indexOf(name) < 0) { copy(child, to); return; }
        var made = document.createElement(name);
        if (name === "a") {
          var href = child.getAttribute("href") || "";
          if (/^https?:/i.test(href)) made.href = href;
          made.rel = "noopener noreferrer";
          made.target = "_blank";
        }
        copy(child, made);
        to.appendChild(made);
      });
    }
    copy(doc.body.firstChild, out);
    return out;
  }

  function account(acc) {
    var span = el("span");
    span.appendChild(el("span", "who", acc.display_name || acc.username));
    span.appendChild(document.createTextNode(" "));
    span.appendChild(el("span", "acct", "@" + acc.acct));
    return span;
  }

  function renderPoll(poll) {
    var list = el("ul", "poll");
    list.dataset.pollId = poll.id;
    poll.options.forEach(function (option) {
      var item = el("li");
      item.appendChild(el("span", "option", option.title));
      var votes = option.votes_count === null ? "hidden" : option.votes_count + (option.votes_count === 1 ? " vote" : " votes");
      item.appendChild(el("span", "count", votes));
      list.appendChild(item);
    });
    var total = el("li", "meta", poll.votes_count + " votes" + (poll.expired ? ", closed" : ""));
    list.appendChild(total);
    return list;
  }

  function renderStatus(status) {
    var item = el("li");
    item.dataset.statusId = status.id;
    var shown = status.reblog || status;
    if (status.reblog) item.appendChild(el("div", "meta", (status.account.display_name || status.account.username) + " boosted"));
    var head = el("div");
    head.appendChild(account(shown.account));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("time", "", new Date(shown.created_at).toLocaleTimeString()));
    item.appendChild(head);
    if (shown.spoiler_text) item.appendChild(el("div", "meta", "CW: " + shown.spoiler_text));
    var content = el("div", "content");
    content.appendChild(safeHtml(shown.content));
    item.appendChild(content);
    if (shown.media_attachments && shown.media_attachments.length) {
      var media = el("div", "media");
      shown.media_attachments.forEach(function (m) {
        var src = m.preview_url || m.url;
        if ((m.type === "image" || m.type === "gifv") && src) {
          var img = el("img");
          img.src = src;
          img.alt = m.description || "";
          img.dataset.mediaId = m.id;
          media.appendChild(img);
        } else {
          var link = el("a", "", m.type + " attachment");
          if (m.url) link.href = m.url;
          media.appendChild(link);
        }
      });
      item.appendChild(media);
    }
    if (shown.poll) item.appendChild(renderPoll(shown.poll));
    item.appendChild(el("div", "meta", shown.visibility + (shown.edited_at ? ", edited" : "")));
    return item;
  }

  var LABELS = {
    mention: "mentioned you", status: "posted", reblog: "boosted your post", favourite: "favourited your post",
    follow: "followed you", follow_request: "asked to follow you", poll: "a poll ended", update: "edited a post"
  };

  function renderNotification(n) {
    var item = el("li");
    item.dataset.notificationId = n.id;
    item.dataset.type = n.type;
    var head = el("div");
    head.appendChild(account(n.account));
    head.appendChild(document.createTextNode(" " + (LABELS[n.type] || n.type)));
    item.appendChild(head);
    if (n.status) {
      var quoted = el("div", "content");
      quoted.appendChild(safeHtml(n.status.content));
      item.appendChild(quoted);
      if (n.status.poll) item.appendChild(renderPoll(n.status.poll));
    }
    return item;
  }

  function clearEmpty(list) {
    var empty = list.querySelector(".empty");
    if (empty) empty.remove();
  }

  function prepend(list, item, fresh) {
    clearEmpty(list);
    if (fresh) item.classList.add("fresh");
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 100) list.lastChild.remove();
  }

  function api(path, token) {
    return fetch(path, { headers: { Authorization: "Bearer " + token } }).then(function (res) {
      if (!res.ok) throw new Error(path + ": HTTP " + res.status);
      return res.json();
    });
  }

  function showState() {
    var names = Object.keys(sockets);
    var open = names.filter(function (n) { return sockets[n].readyState === 1; });
    var live = names.length > 0 && open.length === names.length;
    stateEl.textContent = live ? "live" : "connecting... (" + open.length + "/" + names.length + ")";
    stateEl.className = live ? "live" : "";
    document.body.dataset.live = live ? "yes" : "no";
  }

  function findStatus(id) {
    return document.querySelectorAll('[data-status-id="' + CSS.escape(id) + '"]');
  }

  // One socket per user: the first also carries the public timeline.
  function connect(user, withPublic, notificationList) {
    var ws = new WebSocket(wsBase, [user.access_token]);
    sockets[user.username] = ws;
    ws.onopen = function () {
      if (withPublic) ws.send(JSON.stringify({ type: "subscribe", stream: "public" }));
      ws.send(JSON.stringify({ type: "subscribe", stream: "user:notification" }));
      showState();
    };
    ws.onmessage = function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (!data.event) return;
      var stream = (data.stream || [])[0];
      if (data.event === "update" && stream === "public") {
        prepend(publicList, renderStatus(JSON.parse(data.payload)), true);
      } else if (data.event === "status.update") {
        var edited = JSON.parse(data.payload);
        findStatus(edited.id).forEach(function (node) { node.replaceWith(renderStatus(edited)); });
      } else if (data.event === "delete") {
        findStatus(data.payload).forEach(function (node) { node.remove(); });
      } else if (data.event === "notification") {
        prepend(notificationList, renderNotification(JSON.parse(data.payload)), true);
      }
    };
    ws.onclose = function () {
      showState();
      setTimeout(function () { connect(user, withPublic, notificationList); }, 1000);
    };
  }

  function start(users) {
    if (!users.length) { stateEl.textContent = "no users"; return; }
    var first = users[0];
    api("/api/v1/timelines/public?limit=20", first.access_token).then(function (statuses) {
      if (!statuses.length) publicList.appendChild(el("li", "empty", "Nothing posted yet."));
      statuses.slice().reverse().forEach(function (s) { prepend(publicList, renderStatus(s), false); });
    }).catch(function (e) { publicList.appendChild(el("li", "empty", String(e.message))); });
    users.forEach(function (user, index) {
      var section = el("section");
      section.id = "user-" + user.username;
      section.appendChild(el("h2", "", "@" + user.username + "'s notifications"));
      var list = el("ol");
      section.appendChild(list);
      columns.appendChild(section);
      api("/api/v1/notifications?limit=20", user.access_token).then(function (items) {
        if (!items.length) list.appendChild(el("li", "empty", "No notifications yet."));
        items.slice().reverse().forEach(function (n) { prepend(list, renderNotification(n), false); });
      }).catch(function (e) { list.appendChild(el("li", "empty", String(e.message))); });
      connect(user, index === 0, list);
    });
  }

  fetch("/sandbox/api/users").then(function (res) {
    if (!res.ok) throw new Error("this sandbox does not share its users' tokens (HTTP " + res.status + ")");
    return res.json();
  }).then(start).catch(function (e) { stateEl.textContent = String(e.message); });
})();
</script>
</body>
</html>
`;
