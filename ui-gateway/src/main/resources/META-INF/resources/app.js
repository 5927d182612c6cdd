'use strict';
// evalplane web UI: experiments -> runs -> evaluation list -> trace view; an experiment's online monitoring.
// Every piece of trace content is user data: it only ever reaches the page through textContent or attributes
// set by el(); there is no innerHTML anywhere in this file.

const KEYS = {
  judgeCost: 'mlflow.assessment.judgeCost',
  judgeIn: 'mlflow.assessment.judgeInputTokens',
  judgeOut: 'mlflow.assessment.judgeOutputTokens',
  judgeTrace: 'mlflow.assessment.scorerTraceId',
  costStatus: 'evalplane.assessment.judgeCostStatus',
  traceCost: 'mlflow.trace.cost',
  traceTokens: 'mlflow.trace.tokenUsage',
};
// A client's own value of a key the pipeline derives (e.g. the judge cost mlflow.genai.evaluate reports) is kept
// under this prefix by trace-service: shown, labelled as the client's, never counted in a total.
const CLIENT_REPORTED = 'client.';

// ---- DOM and formatting helpers -------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'className') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Money as it was computed: exact decimal strings are shown as they are, never rounded to a cent. */
function money(value) {
  if (value === undefined || value === null || value === '') return null;
  let text = String(value);
  if (/e/i.test(text) && isFinite(Number(value))) text = Number(value).toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return isFinite(Number(text)) ? '$' + text : null;
}

/**
 * A judge cost block ({total_cost, known_cost, unpriced_calls, unpriced_models, input_tokens}) as a person reads it:
 * the exact total; else the known spend and what is not priced ("$0.00104 + 1 unpriced", the models in the
 * tooltip); "$??" when nothing is priced; "–" when there was no judge call.
 */
function costView(jc, id) {
  jc = jc || {};
  const total = money(jc.total_cost);
  if (total) return el('span', { className: 'cost', id }, total);
  const unpriced = Number(jc.unpriced_calls || 0);
  if (!unpriced && !jc.input_tokens) return el('span', { className: 'cost muted', id }, '–');
  const models = (jc.unpriced_models || []).join(', ');
  const why = unpriced + ' judge call' + (unpriced === 1 ? '' : 's') + ' not priced'
    + (models ? ': no price for ' + models : '') + '; the known part is exact';
  const known = Number(jc.known_cost || 0) > 0 ? money(jc.known_cost) : null;
  const text = known ? known + ' + ' + unpriced + ' unpriced' : '$??';
  return el('span', { className: 'cost cost-partial', id, tabindex: '0', title: why, 'aria-label': text + ', ' + why }, text);
}

/** A table with a header row of column headers (scope=col) and a body. */
function table(id, headers, rows) {
  return el('table', { id }, el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

function tokens(n) { return n === undefined || n === null ? '–' : Number(n).toLocaleString('en-US'); }

function asText(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** An ISO instant or epoch milliseconds as "YYYY-MM-DD hh:mm:ss" (UTC). */
function time(value) {
  if (value === undefined || value === null || value === '') return '';
  const date = new Date(/^\d+$/.test(String(value)) ? Number(value) : value);
  return isNaN(date) ? String(value) : date.toISOString().replace('T', ' ').slice(0, 19);
}

function modelOf(source) {
  const id = (source && source.source_id) || '';
  const i = id.indexOf(':/');
  return i >= 0 ? id.slice(i + 2) : (id || 'unknown');
}

// ---- API ------------------------------------------------------------------------------------
async function api(path) {
  const headers = { Accept: 'application/json' };
  const token = document.getElementById('api-token').value || sessionStorage.getItem('evalplane.token');
  if (token) { headers.Authorization = 'Bearer ' + token; sessionStorage.setItem('evalplane.token', token); }
  const res = await fetch('/api/v1' + path, { headers });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.title || res.status) + (body.detail ? ': ' + body.detail : ''));
  return body;
}

// ---- assessments ------------------------------------------------------------------------------
function valueOf(a) { return a.feedback ? a.feedback.value : a.value; }
function errorOf(a) { return a.error || (a.feedback && a.feedback.error) || null; }

function chip(a) {
  const name = a.assessment_name || a.name;
  if (errorOf(a)) return el('span', { className: 'chip error', title: errorOf(a).error_message || '' }, name + ': error');
  const v = valueOf(a);
  const s = String(v).toLowerCase();
  if (s === 'yes' || s === 'true') return el('span', { className: 'chip pass' }, name + ': Pass');
  if (s === 'no' || s === 'false') return el('span', { className: 'chip fail' }, name + ': Fail');
  return el('span', { className: 'chip' }, name + ': ' + asText(v));
}

/** The judge cost of one feedback: a money amount, "$??" with the reason, or null when nothing is known. */
function judgeCostView(a) {
  const md = a.metadata || {};
  const cost = money(md[KEYS.judgeCost]);
  if (cost) return el('span', { className: 'judge-cost' }, cost);
  const hasTokens = md[KEYS.judgeIn] !== undefined || md[KEYS.judgeOut] !== undefined;
  if (!hasTokens) return null;
  const model = modelOf(a.source);
  const reason = md[KEYS.costStatus] === 'PARTIALLY_PRICED'
    ? 'Part of the usage of model ' + model + ' has no known price. Cost is not available.'
    : 'No price known for model ' + model + '. Cost is not available.';
  return el('span', { className: 'cost-unknown', tabindex: '0', title: reason, 'aria-label': '$?? ' + reason },
    '$??', el('span', { className: 'tooltip', role: 'tooltip' }, reason));
}

/** The judge cost a client reported for this feedback, labelled as such (it is in no total); null when none. */
function clientReportedCostView(md) {
  const reported = md[CLIENT_REPORTED + KEYS.judgeCost];
  if (reported === undefined) return null;
  return el('div', { className: 'client-reported-cost' },
    el('span', { className: 'muted' }, 'Judge cost reported by the client (not verified, not in totals): '),
    money(reported) || String(reported));
}

function assessmentCard(a) {
  const md = a.metadata || {};
  const judgeTraceId = md[KEYS.judgeTrace];
  const details = el('div', { className: 'tab-details' },
    el('div', {}, el('span', { className: 'muted' }, 'Value: '), errorOf(a) ? 'error' : asText(valueOf(a))),
    errorOf(a) ? el('div', { className: 'error-box' }, (errorOf(a).error_code || '') + ' ' + (errorOf(a).error_message || '')) : null,
    a.rationale ? el('div', { className: 'rationale' }, el('span', { className: 'muted' }, 'Rationale: '), a.rationale) : null,
    el('div', { className: 'source muted' }, 'Source: ' + ((a.source && a.source.source_type) || '') + ' ' + ((a.source && a.source.source_id) || '')),
    clientReportedCostView(md));
  const card = el('div', { className: 'assessment', 'data-assessment': a.assessment_name || a.name },
    el('div', {}, el('span', { className: 'name' }, a.assessment_name || a.name), ' ', a.valid === false ? el('span', { className: 'muted' }, '(overridden)') : null));
  if (!judgeTraceId) {            // no judge trace: no cost tab at all
    card.append(details);
    return card;
  }
  const cost = el('div', { className: 'tab-cost', hidden: 'hidden' },
    el('div', {}, el('span', { className: 'muted' }, 'Judge cost: '), judgeCostView(a) || el('span', { className: 'muted' }, 'not computed yet')),
    el('div', {}, el('span', { className: 'muted' }, 'Input tokens: '), el('span', { className: 'judge-input-tokens' }, tokens(md[KEYS.judgeIn]))),
    el('div', {}, el('span', { className: 'muted' }, 'Output tokens: '), el('span', { className: 'judge-output-tokens' }, tokens(md[KEYS.judgeOut]))),
    el('div', {}, el('span', { className: 'muted' }, 'Judge trace: '),
      el('a', { className: 'judge-trace-link', href: '#/traces/' + encodeURIComponent(judgeTraceId), target: '_blank', rel: 'noopener' }, judgeTraceId)));
  card.append(tabs('tabs-' + (++tabsShown),
    [{ label: 'Details', panel: details }, { label: 'Cost', panel: cost, className: 'cost-tab' }]), details, cost);
  return card;
}

let tabsShown = 0;

/**
 * WAI-ARIA tabs over existing panels: role=tablist/tab/tabpanel, aria-selected and aria-controls, the selected tab
 * alone in the tab order, Left/Right/Home/End move between tabs.
 */
function tabs(idPrefix, items) {
  const buttons = items.map((item, i) => {
    const id = idPrefix + '-tab-' + i;
    item.panel.id = idPrefix + '-panel-' + i;
    item.panel.setAttribute('role', 'tabpanel');
    item.panel.setAttribute('aria-labelledby', id);
    return el('button', { type: 'button', role: 'tab', id, className: item.className, 'aria-controls': item.panel.id }, item.label);
  });
  const select = (index, focus) => {
    buttons.forEach((b, i) => {
      const on = i === index;
      b.setAttribute('aria-selected', String(on)); b.tabIndex = on ? 0 : -1; b.classList.toggle('active', on);
      items[i].panel.hidden = !on;
    });
    if (focus) buttons[index].focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i, false));
    b.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select((next + buttons.length) % buttons.length, true);
    });
  });
  select(0, false);
  return el('div', { className: 'tabs', role: 'tablist' }, buttons);
}

// ---- views ----------------------------------------------------------------------------------------
function crumbs(...items) {
  const nav = document.getElementById('crumbs');
  nav.replaceChildren(...items.flatMap((item, i) => [i ? el('span', { className: 'sep' }, '/') : null,
    item.href ? el('a', { href: item.href }, item.label) : el('span', {}, item.label)]).filter(Boolean));
}

async function experimentsView(view) {
  crumbs({ label: 'Experiments' });
  const data = await api('/experiments');
  const rows = (data.experiments || []).map(e => el('tr', {},
    el('td', {}, el('a', { href: '#/experiments/' + encodeURIComponent(e.experiment_id) }, 'Experiment ' + e.experiment_id)),
    el('td', {}, tokens(e.trace_count)), el('td', {}, time(e.last_request_time))));
  view.replaceChildren(el('h1', {}, 'Experiments'),
    rows.length ? table('experiments', ['Experiment', 'Traces', 'Last trace'], rows)
      : el('p', { className: 'muted' }, 'No traces yet. Send OTLP traces to /v1/traces or start an evaluation.'));
}

async function runsView(view, experimentId) {
  crumbs({ label: 'Experiments', href: '#/' }, { label: 'Experiment ' + experimentId });
  const data = await api('/evaluations?experiment_id=' + encodeURIComponent(experimentId));
  const runs = data.runs;
  const rows = runs.map(r => el('tr', { className: 'run-row', 'data-run-id': r.run_id },
    el('td', {}, el('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.name || r.run_id)),
    el('td', {}, r.status), el('td', {}, (r.rows_done ?? '') + ' / ' + (r.rows_total ?? '')),
    el('td', { className: 'run-cost' }, costView(r.judge_cost)),
    el('td', {}, time(r.created_at))));
  view.replaceChildren(el('p', {}, el('a', { id: 'monitoring-link', href: '#/experiments/' + encodeURIComponent(experimentId) + '/monitoring' }, 'Monitoring: scorers started online')),
    el('h1', {}, 'Evaluation runs'),
    rows.length ? table('runs', ['Run', 'Status', 'Rows', 'Judge cost', 'Created'], rows)
      : el('p', { className: 'muted' }, 'No evaluation runs in this experiment.'));
}

function costChart(scorers) {
  // an unpriced scorer is drawn at its known spend and labelled as such, never as $0
  const data = scorers.map(s => ({ name: s.name, cost: Number(s.total_cost ?? s.known_cost ?? 0),
    label: costView(s).textContent, unpriced: s.total_cost === null || s.total_cost === undefined }));
  const max = Math.max(...data.map(d => d.cost), 0) || 1;
  const rowH = 26, labelW = 170, barW = 360;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'chart'); svg.setAttribute('id', 'cost-chart');
  svg.setAttribute('width', labelW + barW + 110); svg.setAttribute('height', rowH * data.length + 6);
  svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', 'Judge cost per scorer');
  data.forEach((d, i) => {
    const y = i * rowH + 4;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 0); label.setAttribute('y', y + 15); label.textContent = d.name;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('class', 'bar'); bar.setAttribute('x', labelW); bar.setAttribute('y', y);
    bar.setAttribute('height', rowH - 8); bar.setAttribute('width', Math.max(1, (d.cost / max) * barW));
    bar.setAttribute('data-scorer', d.name);
    if (d.unpriced) bar.setAttribute('class', 'bar bar-unpriced');
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', labelW + (d.cost / max) * barW + 6); value.setAttribute('y', y + 15);
    value.textContent = d.label;
    svg.append(label, bar, value);
  });
  return svg;
}

function summaryCards(run) {
  const jc = run.judge_cost || {};
  const card = (k, v, id) => el('div', { className: 'card', id }, el('div', { className: 'k' }, k), el('div', { className: 'v' }, v));
  return el('div', { className: 'cards' },
    card('Status', el('span', { 'aria-live': run.status === 'RUNNING' ? 'polite' : null }, run.status || ''), 'run-status'),
    card('Rows', (run.rows_done ?? '') + ' / ' + (run.rows_total ?? ''), 'run-rows'),
    card('Judge cost', costView(jc), 'run-total-cost'),
    card('Judge tokens', tokens(jc.input_tokens) + ' in / ' + tokens(jc.output_tokens) + ' out', 'run-tokens'));
}

async function runView(view, runId, pageToken) {
  crumbs({ label: 'Experiments', href: '#/' }, { label: 'Run ' + runId });
  // the run view carries the run summary's judge cost and per-scorer figures: one summary per render
  const [run, page] = await Promise.all([
    api('/evaluations/' + encodeURIComponent(runId)).catch(() => ({ run_id: runId })),
    api('/evaluations/' + encodeURIComponent(runId) + '/traces?page_size=25' + (pageToken ? '&page_token=' + encodeURIComponent(pageToken) : '')),
  ]);
  if (run.experiment_id !== undefined) {
    crumbs({ label: 'Experiments', href: '#/' }, { label: 'Experiment ' + run.experiment_id, href: '#/experiments/' + encodeURIComponent(run.experiment_id) }, { label: 'Run ' + runId });
  }
  const scorers = run.scorers || [];
  const scorerTable = table('scorers', ['Scorer', 'Pass rate', 'Judge cost', 'Tokens'],
    scorers.map(s => el('tr', { 'data-scorer': s.name }, el('th', { scope: 'row' }, s.name),
      el('td', {}, s.pass_rate === null || s.pass_rate === undefined ? (s.mean ?? '–') : Math.round(s.pass_rate * 100) + '%'),
      el('td', { className: 'scorer-cost' }, costView(s)), el('td', {}, tokens(s.input_tokens) + ' / ' + tokens(s.output_tokens)))));
  const rows = (page.traces || []).map(t => {
    const rowCost = t.judge_cost || {};
    return el('tr', { className: 'eval-row', 'data-trace-id': t.trace_id },
      el('td', {}, el('a', { href: '#/traces/' + encodeURIComponent(t.trace_id) }, t.trace_id)),
      el('td', { className: 'preview' }, t.request_preview || ''),
      el('td', { className: 'preview' }, t.response_preview || ''),
      el('td', {}, (t.assessments || []).filter(a => (a.assessment_type || 'FEEDBACK') === 'FEEDBACK').map(chip)),
      el('td', { className: 'row-cost' }, costView(rowCost)));
  });
  const pager = el('div', { className: 'pager' }, el('span', { id: 'total', className: 'muted' }, 'Total: ' + page.total),
    page.next_page_token ? el('a', { id: 'next-page', href: '#/runs/' + encodeURIComponent(runId) + '?page=' + encodeURIComponent(page.next_page_token) }, 'Next page') : null);
  view.replaceChildren(el('h1', {}, run.name || 'Run ' + runId), summaryCards(run),
    el('h2', {}, 'Judge cost per scorer'), scorers.length ? costChart(scorers) : el('p', { className: 'muted' }, 'No judge feedback yet.'),
    scorerTable,
    el('h2', {}, 'Evaluated traces'),
    table('eval-list', ['Trace', 'Request', 'Response', 'Assessments', 'Judge cost'], rows),
    pager);
  if (run.status === 'RUNNING') refreshWhileShown(() => runView(view, runId, pageToken));
}

/** Renders the current view again in a few seconds, unless the user has moved elsewhere by then. */
function refreshWhileShown(render, delayMs = 3000) {
  const shown = location.hash;
  setTimeout(() => { if (location.hash === shown) render().catch(() => {}); }, delayMs);
}

function spanTree(spans, onSelect) {
  const children = new Map();
  const ids = new Set(spans.map(s => s.span_id));
  spans.forEach(s => {
    const parent = s.parent_span_id && ids.has(s.parent_span_id) ? s.parent_span_id : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(s);
  });
  const build = (parent, level) => el('ul', { role: parent === null ? 'tree' : 'group', 'aria-label': parent === null ? 'Spans' : null },
    (children.get(parent) || []).sort((a, b) => (a.start_time_ns || 0) - (b.start_time_ns || 0)).map(s => {
      const label = el('span', { className: 'span-node', 'data-span-id': s.span_id, role: 'treeitem', tabindex: '-1',
        'aria-selected': 'false', 'aria-level': String(level) }, s.name, el('span', { className: 'span-type' }, s.span_type || ''));
      label.addEventListener('click', () => onSelect(s, label));
      label.addEventListener('keydown', (e) => spanTreeKey(e, label, () => onSelect(s, label)));
      return el('li', { role: 'none' }, label, children.has(s.span_id) ? build(s.span_id, level + 1) : null);
    }));
  return el('div', { className: 'tree', id: 'span-tree' }, build(null, 1));
}

/** Keyboard in the span tree: Up/Down/Home/End move between nodes, Enter or Space selects the focused one. */
function spanTreeKey(e, label, select) {
  const nodes = [...label.closest('#span-tree').querySelectorAll('.span-node')];
  const at = nodes.indexOf(label);
  const target = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: nodes.length - 1 }[e.key];
  if (target !== undefined) {
    e.preventDefault();
    const next = nodes[Math.max(0, Math.min(nodes.length - 1, target))];
    nodes.forEach(n => { n.tabIndex = n === next ? 0 : -1; });
    next.focus();
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    select();
  }
}

/** "$0.0166 · priced as claude-sonnet-4-5 (by model name: openai has no such model)" for a priced LLM span. */
function spanCostLine(span) {
  const attrs = span.attributes || {};
  const cost = parseJson(attrs['mlflow.llm.cost']);
  if (!cost) return null;
  const by = parseJson(attrs['evalplane.llm.pricedBy']);
  const provider = span.llm && span.llm.provider;
  const how = !by ? '' : ' · priced as ' + by.price_key + (by.match === 'MODEL_NAME'
    ? ' (by model name: ' + (provider || 'its provider') + ' has no such model)' : '') + ' · ' + by.price_source;
  return el('div', { className: 'span-cost' }, 'Cost ' + (money(cost.total_cost) || '$??') + how);
}

function spanDetails(span) {
  const attrs = Object.assign({}, span.attributes || {});
  return el('div', { id: 'span-details' }, el('h2', {}, span.name),
    el('div', { className: 'muted' }, (span.span_type || '') + ' · ' + (span.status && span.status.code || '')),
    spanCostLine(span),
    el('h2', {}, 'Inputs'), el('pre', { className: 'span-inputs' }, asText(span.inputs)),
    el('h2', {}, 'Outputs'), el('pre', { className: 'span-outputs' }, asText(span.outputs)),
    el('h2', {}, 'Attributes'), el('pre', { className: 'span-attributes' }, asText(attrs)));
}

function parseJson(text) { try { return typeof text === 'string' ? JSON.parse(text) : text; } catch (e) { return null; } }

async function traceView(view, traceId) {
  crumbs({ label: 'Experiments', href: '#/' }, { label: 'Trace ' + traceId });
  const trace = await api('/traces/' + encodeURIComponent(traceId));
  const info = trace.info || {};
  const md = info.trace_metadata || {};
  const cost = parseJson(md[KEYS.traceCost]) || {};
  const usage = parseJson(md[KEYS.traceTokens]) || {};
  const spans = trace.spans || [];
  const detailsBox = el('div', {});
  const select = (span, label) => {
    view.querySelectorAll('.span-node').forEach(n => {
      n.classList.remove('selected'); n.setAttribute('aria-selected', 'false'); n.tabIndex = -1;
    });
    if (label) { label.classList.add('selected'); label.setAttribute('aria-selected', 'true'); label.tabIndex = 0; }
    detailsBox.replaceChildren(spanDetails(span));
  };
  const root = spans.find(s => !s.parent_span_id) || spans[0];
  const assessments = info.assessments || [];
  view.replaceChildren(el('h1', {}, 'Trace ', el('code', {}, traceId)),
    el('div', { className: 'cards' },
      el('div', { className: 'card', id: 'trace-cost' }, el('div', { className: 'k' }, 'Trace cost'), el('div', { className: 'v' }, costView({
        total_cost: cost.total_cost, known_cost: md['evalplane.trace.knownCost'], input_tokens: usage.input_tokens,
        unpriced_calls: md['evalplane.trace.unpricedCalls'],
        unpriced_models: md['evalplane.trace.unpricedModels'] ? md['evalplane.trace.unpricedModels'].split(',') : [] }))),
      el('div', { className: 'card', id: 'trace-tokens' }, el('div', { className: 'k' }, 'Tokens'), el('div', { className: 'v' }, tokens(usage.input_tokens) + ' in / ' + tokens(usage.output_tokens) + ' out')),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'State'), el('div', { className: 'v' }, info.state || '')),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Duration'), el('div', { className: 'v' }, (info.execution_duration_ms ?? '–') + ' ms'))),
    el('div', { className: 'layout' },
      el('div', {}, el('h2', {}, 'Spans'), spanTree(spans, select), detailsBox),
      el('aside', { id: 'assessment-panel' }, el('h2', {}, 'Assessments'),
        assessments.length ? assessments.map(assessmentCard) : el('p', { className: 'muted' }, 'No assessments.'))));
  if (root) select(root, view.querySelector('.span-node[data-span-id="' + CSS.escape(root.span_id) + '"]'));
}

// ---- Monitoring: scorers started online on an experiment ---------------------------------------
function passRateChart(scorerName, buckets) {
  const ns = 'http://www.w3.org/2000/svg';
  const w = 14, h = 60;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'chart pass-chart'); svg.setAttribute('data-scorer', scorerName);
  svg.setAttribute('width', Math.max(1, buckets.length) * (w + 2) + 4); svg.setAttribute('height', h + 4);
  svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', 'Pass rate over time of ' + scorerName);
  buckets.forEach((b, i) => {
    const rate = b.pass_rate === null || b.pass_rate === undefined ? 0 : b.pass_rate;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('class', 'bar'); bar.setAttribute('x', i * (w + 2) + 2); bar.setAttribute('width', w);
    bar.setAttribute('y', h - rate * h + 2); bar.setAttribute('height', Math.max(1, rate * h));
    bar.setAttribute('data-start', b.start); bar.setAttribute('data-pass-rate', b.pass_rate ?? '');
    const title = document.createElementNS(ns, 'title');
    title.textContent = time(b.start) + ': ' + b.passed + ' passed, ' + b.failed + ' failed of ' + b.scored + ' scored';
    bar.append(title);
    svg.append(bar);
  });
  return svg;
}

function percent(rate) { return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + '%'; }

function onlineScorerSection(s, bucket) {
  const c = s.config;
  const today = c.today || {};
  const scored = s.pass_rate.reduce((n, b) => n + b.passed + b.failed, 0);
  const passed = s.pass_rate.reduce((n, b) => n + b.passed, 0);
  const budget = c.daily_budget_usd === null || c.daily_budget_usd === undefined ? null : c.daily_budget_usd;
  const spendRows = s.spend.map(d => el('tr', { 'data-day': d.day },
    el('td', {}, d.day), el('td', { className: 'spent' }, money(d.spent_usd) || '$0'),
    el('td', {}, budget === null ? 'no budget' : money(budget)), el('td', {}, tokens(d.scored)),
    el('td', {}, d.budget_reached ? el('span', { className: 'chip fail budget-reached' }, 'budget reached: stopped until the next UTC day') : '')));
  return el('section', { className: 'online-scorer', 'data-scorer': c.scorer_name },
    el('h2', {}, c.scorer_name + ' (version ' + c.scorer_version + ')'),
    el('div', { className: 'cards' },
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Status'), el('div', { className: 'v status' }, today.budget_reached && c.status === 'STARTED' ? 'BUDGET REACHED' : c.status)),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Sample rate'), el('div', { className: 'v sample-rate' }, percent(c.sample_rate))),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Filter'), el('div', { className: 'v filter' }, c.filter_string || 'all traces')),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Pass rate (' + (bucket === 'day' ? '30 days' : '48 hours') + ')'), el('div', { className: 'v pass-rate' }, scored ? percent(passed / scored) : '–')),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Judge spend today'), el('div', { className: 'v spend-today' }, (money(today.spent_usd) || '$0') + (budget === null ? '' : ' of ' + money(budget)))),
      el('div', { className: 'card' }, el('div', { className: 'k' }, 'Lag'), el('div', { className: 'v backlog' }, tokens(s.backlog) + ' traces waiting' + (s.oldest_pending_age_seconds ? ', oldest ' + s.oldest_pending_age_seconds.toFixed(1) + ' s' : '')))),
    el('h3', {}, 'Pass rate per ' + bucket), passRateChart(c.scorer_name, s.pass_rate),
    el('h3', {}, 'Judge spend per day'),
    el('table', { className: 'spend' }, el('thead', {}, el('tr', {}, ['Day (UTC)', 'Spent', 'Budget', 'Scored', ''].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, spendRows)));
}

async function monitoringView(view, experimentId, bucket) {
  const b = bucket === 'day' ? 'day' : 'hour';
  crumbs({ label: 'Experiments', href: '#/' }, { label: 'Experiment ' + experimentId, href: '#/experiments/' + encodeURIComponent(experimentId) }, { label: 'Monitoring' });
  const data = await api('/experiments/' + encodeURIComponent(experimentId) + '/online-scorers?bucket=' + b);
  const base = '#/experiments/' + encodeURIComponent(experimentId) + '/monitoring?bucket=';
  view.replaceChildren(el('h1', {}, 'Monitoring'),
    el('p', { className: 'muted' }, 'Scorers started on this experiment score a sample of its new traces as they complete. ',
      el('a', { href: base + 'hour', id: 'bucket-hour' }, 'per hour'), ' · ', el('a', { href: base + 'day', id: 'bucket-day' }, 'per day'),
      ' · consumer lag ', el('span', { id: 'consumer-lag' }, tokens(data.consumer_lag)), ' records'),
    data.scorers.length ? el('div', { id: 'online-scorers' }, data.scorers.map(s => onlineScorerSection(s, b)))
      : el('p', { className: 'muted', id: 'no-online-scorers' }, 'No scorer is started on this experiment. Start one with `evalplane scorers start`.'));
}

// ---- API reference: the gateway's merged OpenAPI document (/q/openapi), rendered --------------------
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A schema's $ref resolved against the document (one level), or the schema itself. */
function resolveSchema(doc, schema) {
  if (!schema || !schema.$ref) return schema || {};
  const name = schema.$ref.replace('#/components/schemas/', '');
  return Object.assign({ title: name }, (doc.components && doc.components.schemas || {})[name] || {});
}

function schemaType(schema) {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref.split('/').pop();
  const type = Array.isArray(schema.type) ? schema.type.filter(t => t !== 'null').join(' | ') : schema.type;
  if (type === 'array') return 'array of ' + schemaType(schema.items);
  if (schema.enum) return schema.enum.filter(v => v !== null).join(' | ');
  if (type === 'object' && schema.additionalProperties) return 'map of ' + schemaType(schema.additionalProperties);
  return type || (schema.oneOf || schema.anyOf ? 'one of several' : 'any');
}

/** A body schema as a table of its fields (name, type, description), or its type when it has no fields. */
function schemaView(doc, schema, cls) {
  const s = resolveSchema(doc, schema);
  const props = Object.entries(s.properties || {});
  if (!props.length) return el('p', { className: cls + ' muted' }, schemaType(schema));
  const required = new Set(s.required || []);
  return el('table', { className: cls, 'data-schema': s.title || '' },
    el('caption', {}, s.title || schemaType(schema)),
    el('thead', {}, el('tr', {}, ['Field', 'Type', 'About'].map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, props.map(([name, p]) => el('tr', {}, el('th', { scope: 'row' }, name + (required.has(name) ? ' *' : '')),
      el('td', {}, schemaType(p)), el('td', {}, (p.description || '') + (p.nullable ? ' (may be null)' : ''))))));
}

function bodySchema(content) {
  const media = content && (content['application/json'] || Object.values(content)[0]);
  return media && media.schema;
}

function operationView(doc, path, method, op) {
  const id = 'op-' + method + '-' + path.replace(/[^a-zA-Z0-9]+/g, '-');
  const requestSchema = op.requestBody && bodySchema(op.requestBody.content);
  const responses = Object.entries(op.responses || {});
  return el('section', { className: 'api-op', id, 'data-method': method.toUpperCase(), 'data-path': path },
    el('h3', {}, el('span', { className: 'method method-' + method }, method.toUpperCase()), ' ', el('code', {}, path)),
    op.summary ? el('p', {}, op.summary) : null,
    requestSchema ? [el('h4', {}, 'Request body'), schemaView(doc, requestSchema, 'request-schema')] : null,
    el('h4', {}, 'Responses'),
    el('ul', { className: 'responses' }, responses.map(([status, r]) => {
      const ref = r.$ref ? ((doc.components || {}).responses || {})[r.$ref.split('/').pop()] || {} : r;
      const schema = bodySchema(ref.content);
      return el('li', { 'data-status': status }, el('strong', {}, status), ' ', ref.description || '',
        schema && String(status).startsWith('2') ? schemaView(doc, schema, 'response-schema') : null);
    })));
}

async function apiView(view) {
  crumbs({ label: 'Experiments', href: '#/' }, { label: 'API' });
  const res = await fetch('/q/openapi?format=json', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error('the API document did not load: ' + res.status);
  const doc = await res.json();
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of HTTP_METHODS) {
      if (!item[method]) continue;
      const tag = (item[method].tags || ['Other'])[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operationView(doc, path, method, item[method]));
    }
  }
  const tags = [...byTag.keys()].sort();
  view.replaceChildren(el('h1', {}, (doc.info && doc.info.title) || 'API'),
    el('p', { id: 'api-description' }, (doc.info && doc.info.description) || ''),
    el('p', {}, 'The OpenAPI document itself: ', el('a', { href: '/q/openapi?format=json', id: 'openapi-json' }, 'JSON'), ' · ',
      el('a', { href: '/q/openapi' }, 'YAML')),
    el('nav', { 'aria-label': 'API sections', id: 'api-index' }, el('ul', {}, tags.map(t => el('li', {}, el('a', { href: '#/api', 'data-tag': t, onclick: (e) => {
      e.preventDefault(); document.getElementById('tag-' + t.replace(/[^a-zA-Z0-9]+/g, '-')).scrollIntoView();
    } }, t))))),
    ...tags.map(t => el('section', { className: 'api-tag', id: 'tag-' + t.replace(/[^a-zA-Z0-9]+/g, '-') }, el('h2', {}, t), byTag.get(t))));
}

async function route() {
  const view = document.getElementById('view');
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  view.replaceChildren(el('p', { className: 'muted' }, 'Loading…'));
  try {
    if (parts[0] === 'experiments' && parts[1] && parts[2] === 'monitoring') await monitoringView(view, parts[1], params.get('bucket'));
    else if (parts[0] === 'experiments' && parts[1]) await runsView(view, parts[1]);
    else if (parts[0] === 'runs' && parts[1]) await runView(view, parts[1], params.get('page'));
    else if (parts[0] === 'traces' && parts[1]) await traceView(view, parts[1]);
    else if (parts[0] === 'api') await apiView(view);
    else await experimentsView(view);
  } catch (e) {
    view.replaceChildren(el('div', { className: 'error-box', id: 'error' }, String(e.message || e)));
  }
}

window.addEventListener('hashchange', route);
document.getElementById('api-token').value = sessionStorage.getItem('evalplane.token') || '';
route();
