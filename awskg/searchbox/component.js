// awskg's search box (Streamlit custom components v2): suggestions as you type, ranked by
// the server's search (graph.reason.resolve.search), so the box and Enter agree.
// The browser sends the typed text (state "text", debounced); Python answers with the
// suggestions for that text in `data.items`; a pick is the trigger "picked" (an entity id).
// Every text goes in with textContent: data never becomes markup.

const DEBOUNCE_MS = 90;

function build(parentElement) {
  const root = document.createElement("div");
  root.className = "awskg-search";
  const label = document.createElement("label");
  const input = document.createElement("input");
  const list = document.createElement("ul");
  const id = "awskg-search-" + Math.random().toString(36).slice(2);
  input.type = "search";
  input.id = id;
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id + "-list");
  label.htmlFor = id;
  list.id = id + "-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  root.append(label, input, list);
  parentElement.appendChild(root);
  return { root, label, input, list, active: -1, items: [], forText: null, applied: null,
           timer: null, pendingEnter: false, sent: null, quiet: false };
}

export default function ({ data, parentElement, setStateValue, setTriggerValue }) {
  if (!data) return;
  let st = parentElement.__awskgSearch;
  const fresh = !st;
  if (fresh) {
    st = build(parentElement);
    parentElement.__awskgSearch = st;
  }
  const { input, list } = st;
  // Handlers are (re)bound on every run: they close over this run's setters.
  const send = (text) => {
    clearTimeout(st.timer);
    if (st.sent === text) return;
    st.sent = text;
    setStateValue("text", text);
  };
  // In the component's shadow root, document.activeElement is the host, not the input.
  const focused = () => input.getRootNode().activeElement === input;
  const open = (yes) => {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
  };
  const mark = (i) => {
    st.active = i;
    [...list.children].forEach((li, n) => {
      li.setAttribute("aria-selected", n === i ? "true" : "false");
      if (n === i) li.scrollIntoView({ block: "nearest" });
    });
  };
  const pick = (item) => {
    input.value = item.name;
    st.sent = item.name;
    st.quiet = true;  // the list stays closed until the learner types again
    open(false);
    setTriggerValue("picked", item.id);
  };
  input.oninput = () => {
    st.quiet = false;
    clearTimeout(st.timer);
    const text = input.value;
    st.timer = setTimeout(() => send(text), DEBOUNCE_MS);
  };
  input.onfocus = () => {
    st.quiet = false;
    if (list.children.length && st.forText === input.value) open(true);
  };
  input.onblur = () => { setTimeout(() => open(false), 150); };
  input.onkeydown = (e) => {
    // Enter that confirms a Japanese IME conversion is not a pick.
    if (e.isComposing || e.keyCode === 229) return;
    const n = st.items.length;
    if (e.key === "ArrowDown" && n) { e.preventDefault(); st.quiet = false; open(true); mark((st.active + 1) % n); }
    else if (e.key === "ArrowUp" && n) { e.preventDefault(); st.quiet = false; open(true); mark((st.active - 1 + n) % n); }
    else if (e.key === "Escape") { open(false); }
    else if (e.key === "Enter") {
      e.preventDefault();
      if (st.forText === input.value && st.items.length) {
        pick(st.items[Math.max(st.active, 0)]);
      } else {
        // The suggestions for this text are not here yet: take the first when they come.
        st.pendingEnter = true;
        send(input.value);
      }
    }
  };

  st.label.textContent = data.label || "";
  input.placeholder = data.placeholder || "";
  input.title = data.help || "";
  // The server's text replaces the box's only when the server changed it (a pick elsewhere,
  // a deep link, a language switch), never under the learner's fingers.
  if (st.applied !== data.value) {
    st.applied = data.value;
    if (fresh || !focused() || st.sent === null) {
      input.value = data.value || "";
      st.sent = data.value || "";
    }
  }
  st.forText = data.for;
  st.items = data.items || [];
  list.replaceChildren();
  st.items.forEach((item, n) => {
    const li = document.createElement("li");
    li.setAttribute("role", "option");
    li.dataset.id = item.id;
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = item.name;
    li.append(name);
    if (item.alt) {
      const alt = document.createElement("span");
      alt.className = "alt";
      alt.textContent = item.alt;
      li.append(alt);
    }
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = item.kind || "";
    li.append(kind);
    // mousedown, not click: the input keeps its focus and the list is not closed first.
    li.onmousedown = (e) => { e.preventDefault(); pick(item); };
    li.onmousemove = () => { if (st.active !== n) mark(n); };
    list.append(li);
  });
  if (!st.items.length && data.for && data.nothing) {
    const li = document.createElement("li");
    li.className = "nothing";
    li.textContent = data.nothing;
    list.append(li);
  }
  st.active = -1;
  const current = st.forText === input.value;
  if (st.pendingEnter && current) {
    st.pendingEnter = false;
    if (st.items.length) { pick(st.items[0]); return; }
  }
  open(current && !st.quiet && focused() && list.children.length > 0);
  st.root.dataset.for = data.for || "";
}
