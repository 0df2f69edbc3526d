// awskg's graph component (Streamlit custom components v2). vis-network is pyvis's bundle,
// served from this directory on 127.0.0.1; its UMD wrapper puts `vis` on globalThis.
import "./vis-network.min.js";

// A tooltip element filled with textContent: data never becomes markup.
function tip(text) {
  const el = document.createElement("div");
  el.className = "awskg-tip";
  el.textContent = text;
  return el;
}

function prepared(items) {
  return items.map((item) => (item.title ? { ...item, title: tip(item.title) } : item));
}

// Update a DataSet in place: remove what is gone, replace what changed, add what is new.
function sync(set, items, seen) {
  const ids = new Set(items.map((i) => i.id));
  set.remove(set.getIds().filter((id) => !ids.has(id)));
  const changed = [];
  for (const item of items) {
    const text = JSON.stringify(item);
    if (seen.get(item.id) !== text) {
      seen.set(item.id, text);
      changed.push(item);
    }
  }
  for (const id of [...seen.keys()]) if (!ids.has(id)) seen.delete(id);
  const old = changed.filter((i) => set.get(i.id) !== null).map((i) => i.id);
  set.remove(old);
  set.add(prepared(changed));
}

function legend(el, data) {
  el.replaceChildren();
  const add = (label, colour, cls) => {
    const row = document.createElement("div");
    row.className = "item";
    const sw = document.createElement("span");
    sw.className = "sw " + cls;
    sw.style.background = colour;
    const name = document.createElement("span");
    name.textContent = label;
    row.append(sw, name);
    el.append(row);
  };
  for (const [label, colour, shape] of data.legend || []) {
    add(label, colour, ["dot", "ellipse", "hexagon", "star"].includes(shape) ? "round" : "");
  }
  for (const [colour, label] of data.verdicts || []) add(label, colour, "line");
  el.hidden = el.childElementCount === 0;
}

// A new drawing fills the canvas: vis-network's fit() leaves wide margins, so frame the union
// of the nodes' boxes (labels included) at 94 % of the canvas, never closer than 1:1.
const FILL = 0.94;
function frame(network, canvas) {
  network.fit({ animation: false });
  let l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
  for (const id of network.body.data.nodes.getIds()) {
    const box = network.getBoundingBox(id);
    if (!box) continue;
    l = Math.min(l, box.left); t = Math.min(t, box.top);
    r = Math.max(r, box.right); b = Math.max(b, box.bottom);
  }
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (!(r > l) || !(b > t) || !w || !h) return;
  const scale = Math.min(FILL * Math.min(w / (r - l), h / (b - t)), Math.max(network.getScale(), 1));
  network.moveTo({ position: { x: (l + r) / 2, y: (t + b) / 2 }, scale, animation: false });
}

export default function ({ data, parentElement, setTriggerValue }) {
  const vis = globalThis.vis;
  if (!data || !vis) return;
  let st = parentElement.__awskg;
  if (!st) {
    const root = document.createElement("div");
    root.className = "awskg-graph";
    const canvas = document.createElement("div");
    canvas.className = "awskg-canvas";
    const side = document.createElement("div");
    side.className = "awskg-legend";
    root.append(canvas, side);
    parentElement.appendChild(root);
    const nodes = new vis.DataSet();
    const edges = new vis.DataSet();
    canvas.style.height = data.height + "px";
    const network = new vis.Network(canvas, { nodes, edges }, data.options);
    st = { root, canvas, side, nodes, edges, network, view: null, seenN: new Map(), seenE: new Map(),
           opts: JSON.stringify(data.options) };
    parentElement.__awskg = st;
    network.on("click", (p) => {
      if (p.nodes.length) setTriggerValue("clicked", String(p.nodes[0]));
    });
    network.on("doubleClick", (p) => {
      if (p.nodes.length) setTriggerValue("expanded", String(p.nodes[0]));
    });
    // A drawing stays framed while the page settles (a scrollbar, a column reflow) until the
    // reader moves it: vis-network's autoResize keeps the old centre and scale, which cuts
    // nodes off when the canvas shrinks.
    network.on("zoom", () => { st.moved = true; });
    network.on("dragEnd", (p) => { if (!p.nodes.length) st.moved = true; });
    let width = 0;
    new ResizeObserver(() => {
      if (canvas.clientWidth === width) return;
      width = canvas.clientWidth;
      if (!st.moved && st.view !== null) frame(network, canvas);
    }).observe(canvas);
    network.on("hoverNode", () => { canvas.style.cursor = "pointer"; });
    network.on("blurNode", () => { canvas.style.cursor = "default"; });
    // For tests and the bench: which data revision is on the canvas, per graph key.
    network.on("afterDrawing", () => {
      root.dataset.drawn = st.rev || "";
      window.awskgDrawn = window.awskgDrawn || {};
      window.awskgDrawn[st.key] = st.rev;
    });
  }
  if (st.rev === data.rev) return;
  st.rev = data.rev;
  st.key = data.key;
  st.canvas.style.height = data.height + "px";
  st.root.dataset.focus = data.focus || "";
  // Streamlit may hand this element to another graph (another page, a layered view).
  const opts = JSON.stringify(data.options);
  if (st.opts !== opts) {
    st.opts = opts;
    st.network.setOptions(data.options);
  }
  sync(st.nodes, data.nodes, st.seenN);
  sync(st.edges, data.edges, st.seenE);
  legend(st.side, data);
  if (st.view !== data.view) {
    st.view = data.view;
    st.moved = false;
    frame(st.network, st.canvas);
  }
  st.network.redraw();
  // For tests and the bench: the network of each mounted graph and its data revision, by key.
  window.awskgNetworks = window.awskgNetworks || {};
  window.awskgNetworks[data.key] = st.network;
  window.awskgRev = window.awskgRev || {};
  window.awskgRev[data.key] = data.rev;
}
