// The practice engine, loaded by practice.js on the learner's first action, after the
// scheduler (ts-fsrs, vendor/). It draws items from the question bank (questions.js, one per
// language), asks them, checks them, schedules their next review, runs the timed mock exam,
// and exports and imports progress. Text from the bank is copied node by node (allowed: a,
// code, strong, em; see `rich`) and text from an imported file only ever as text: nothing is
// inserted as markup, nothing is evaluated.
self.studysitePracticeEngine = ({ app, words, store, items, render, fill, isDue, empty }) => {
  const { fsrs, createEmptyCard, Rating } = self.FSRS;
  const scheduler = fsrs(); // the library's default parameters
  const RATINGS = ["again", "hard", "good", "easy"];
  const RATING = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
  // The exam guide's domain weights (SAA-C03), and the mock exams: [items, minutes].
  const WEIGHTS = { secure: 30, resilient: 26, performance: 24, cost: 20 };
  const EXAMS = { short: [20, 40], full: [65, 130] };
  const PASS = 720;
  const WARN = 5 * 60 * 1000;
  const lang = app.dataset.lang;
  const otherLang = app.dataset.otherLang;
  const stage = app.querySelector(".practice-stage");
  const home = app.querySelector(".practice-home");
  const alertLine = app.querySelector(".practice-alert");
  const note = app.querySelector(".practice-note");
  const known = new Set(items.map((item) => item.id));
  const meta = new Map(items.map((item) => [item.id, item]));
  let session = null;
  let timer = null;
  let counter = 0;

  // --- DOM helpers ---------------------------------------------------------------------------
  const el = (tag, attributes = {}, ...children) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value == null) continue;
      if (name === "text") element.textContent = value;
      else element.setAttribute(name, value === true ? "" : value);
    }
    element.append(...children.filter((child) => child != null));
    return element;
  };
  const ALLOWED = new Set(["A", "CODE", "STRONG", "EM"]);
  // The bank's minimal HTML, rebuilt in this document from its text nodes and allowed
  // elements only; links resolved against the bank's own URL (they are relative to it).
  const copy = (source, base) => {
    const out = document.createDocumentFragment();
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out.append(node.data);
      else if (node.nodeType === Node.ELEMENT_NODE && ALLOWED.has(node.tagName)) {
        const made = document.createElement(node.tagName.toLowerCase());
        if (node.tagName === "A") {
          const href = new URL(node.getAttribute("href") || "", base);
          if (["http:", "https:", "file:"].includes(href.protocol)) made.href = href.href;
        }
        made.append(copy(node, base));
        out.append(made);
      } else if (node.nodeType === Node.ELEMENT_NODE) out.append(copy(node, base));
    }
    return out;
  };
  const parser = new DOMParser();
  const rich = (text, base) => copy(parser.parseFromString(text, "text/html").body, base);
  const letter = (index) => String.fromCharCode(65 + index);
  const shuffle = (list) => {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const show = (view) => {
    home.hidden = true;
    stage.hidden = false;
    stage.replaceChildren(view);
  };
  const focus = (element) => {
    element.setAttribute("tabindex", "-1");
    element.focus();
  };

  // --- Banks ---------------------------------------------------------------------------------
  const banks = {};
  const bank = (code) =>
    (banks[code] ||= new Promise((resolve, reject) => {
      const attribute = `bank${code[0].toUpperCase()}${code.slice(1)}`;
      const url = new URL(app.dataset[attribute], document.baseURI).href;
      const done = () => {
        const data = self.studysiteBanks?.[code];
        if (!data) return reject(new Error(`${url}: no question bank`));
        resolve({ base: url, items: new Map(data.items.map((item) => [item.id, item])) });
      };
      if (self.studysiteBanks?.[code]) return done();
      const element = document.createElement("script");
      element.src = url;
      element.onload = done;
      element.onerror = () => reject(new Error(`${url} did not load`));
      document.head.append(element);
    }));

  // --- Progress ------------------------------------------------------------------------------
  const toCard = (saved, now) =>
    saved
      ? {
          ...saved,
          due: new Date(saved.due),
          last_review: saved.last_review ? new Date(saved.last_review) : undefined,
        }
      : createEmptyCard(now);
  const fromCard = (card) => ({
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  });
  // One answer: counted, and the item's next review scheduled from its card before it.
  const record = (id, correct, rating, now) => {
    const data = store.read();
    const entry = (data.items[id] ||= { seen: 0, correct: 0 });
    const before = entry.card || null;
    entry.card = fromCard(scheduler.next(toCard(before, now), now, RATING[rating]).card);
    entry.seen += 1;
    entry.correct += correct ? 1 : 0;
    entry.last = correct;
    entry.updated = now.getTime();
    store.write(data);
    return before;
  };
  // The learner chose another rating for the answer just recorded: rescheduled from before.
  const rerate = (id, before, rating, now) => {
    const data = store.read();
    const entry = data.items[id];
    entry.card = fromCard(scheduler.next(toCard(before, now), now, RATING[rating]).card);
    entry.updated = now.getTime();
    store.write(data);
    return entry.card;
  };

  // --- Drawing -------------------------------------------------------------------------------
  const scoped = (form) => {
    const values = new FormData(form);
    const scope = values.get("scope");
    const data = store.read();
    const now = Date.now();
    const services = new Set(values.getAll("service"));
    const test = {
      all: () => true,
      services: (item) => services.has(item.service),
      domain: (item) => item.domain === values.get("domain"),
      due: (item) => isDue(data.items[item.id], now),
      mistakes: (item) => data.items[item.id]?.last === false,
    }[scope];
    return items.filter(test).map((item) => item.id);
  };
  // As many of each domain as its weight asks (largest remainders), as far as the bank has
  // them; what one domain lacks goes to the others, by weight.
  const drawExam = (count) => {
    const domains = Object.keys(WEIGHTS);
    const pools = Object.fromEntries(
      domains.map((d) => [d, shuffle(items.filter((i) => i.domain === d).map((i) => i.id))]),
    );
    const quota = Object.fromEntries(domains.map((d) => [d, 0]));
    let left = Math.min(count, items.length);
    while (left > 0) {
      const open = domains.filter((d) => quota[d] < pools[d].length);
      const weight = open.reduce((n, d) => n + WEIGHTS[d], 0);
      const share = Object.fromEntries(open.map((d) => [d, (left * WEIGHTS[d]) / weight]));
      const room = (d) => pools[d].length - quota[d];
      const given = Object.fromEntries(open.map((d) => [d, Math.min(Math.floor(share[d]), room(d))]));
      let spare = left - open.reduce((n, d) => n + given[d], 0);
      for (const d of open.slice().sort((x, y) => (share[y] % 1) - (share[x] % 1))) {
        if (spare > 0 && given[d] < room(d)) {
          given[d] += 1;
          spare -= 1;
        }
      }
      for (const d of open) quota[d] += given[d];
      left = spare;
    }
    return shuffle(domains.flatMap((d) => pools[d].slice(0, quota[d])));
  };

  // --- One item ------------------------------------------------------------------------------
  const keys = (item) => item.options.filter((o) => o.correct).map((o) => o.id);
  const same = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
  // The item's form: the stem as the legend, the options in the drawn order, lettered.
  const itemForm = async (id, order, shown, answer = []) => {
    const { base, items: byId } = await bank(shown);
    const item = byId.get(id);
    const multiple = item.kind === "multiple";
    const options = order.map((optionId, index) => {
      const option = item.options.find((o) => o.id === optionId);
      const input = el("input", {
        type: multiple ? "checkbox" : "radio",
        name: "answer",
        value: option.id,
        id: `practice-option-${++counter}`,
        checked: answer.includes(option.id),
      });
      const label = el(
        "label",
        { for: input.id },
        el("span", { class: "quiz-letter", text: letter(index) }),
        " ",
        rich(option.text, base),
      );
      return el("li", { class: "practice-option" }, input, label);
    });
    const fieldset = el(
      "fieldset",
      { class: "practice-fieldset" },
      el("legend", { class: "practice-stem" }, rich(item.stem, base)),
      el("ul", { class: "practice-options" }, ...options),
    );
    return { item, base, form: el("form", { class: "practice-item", lang: shown, "data-question-id": id }, fieldset) };
  };
  const chosen = (form) => [...form.querySelectorAll("input[name=answer]:checked")].map((i) => i.value);
  // Every option's verdict and why, in the drawn order, and the way to the section.
  const explanations = (item, base, order, answer) => {
    const list = el("ul", { class: "practice-explanations" });
    order.forEach((optionId, index) => {
      const option = item.options.find((o) => o.id === optionId);
      const mine = answer.includes(option.id) ? ` (${words.your_answer})` : "";
      const why = option.why.map((text) => el("p", {}, rich(text, base)));
      const sources = option.sources.map((text) => el("p", { class: "practice-source-line" }, rich(text, base)));
      list.append(
        el(
          "li",
          { class: option.correct ? "practice-right" : "practice-wrong" },
          el("p", {}, el("span", { class: "quiz-letter", text: letter(index) }), " ",
            el("strong", { text: `${option.correct ? words.right : words.wrong}${mine}` }), ": ",
            rich(option.text, base)),
          ...why,
          ...sources,
        ),
      );
    });
    const letters = order
      .map((optionId, index) => (keys(item).includes(optionId) ? letter(index) : null))
      .filter(Boolean)
      .join(", ");
    const section = el("a", { href: new URL(item.section, base).href, text: item.section_title });
    return [
      el("p", {}, el("strong", { text: `${words.key}: ${letters}` })),
      list,
      el("p", {}, `${words.explained}: `, section),
    ];
  };

  // --- Practice ------------------------------------------------------------------------------
  const startPractice = (form) => begin(scoped(form));
  const startArea = (area) => {
    const [kind, name] = area.split(":");
    begin(shuffle(items.filter((item) => item[kind] === name).map((item) => item.id)));
  };
  const begin = (ids) => {
    stopTimer();
    if (!ids.length) {
      alertLine.textContent = words.empty;
      return;
    }
    session = { ids: shuffle(ids), index: 0, right: 0, shown: lang };
    ask();
  };
  const ask = async () => {
    const id = session.ids[session.index];
    const item = (await bank(lang)).items.get(id);
    const order = shuffle(item.options.map((o) => o.id));
    const current = { id, order, shown: lang, answer: null, before: null, when: null };
    session.current = current;
    const view = el("div", { class: "practice-session" });
    const position = el("p", { class: "practice-position", text: fill(words.position, { n: session.index + 1, total: session.ids.length }) });
    const holder = el("div", { class: "practice-holder" });
    const status = el("div", { class: "practice-feedback", role: "status" });
    const problem = el("p", { class: "practice-problem", role: "alert" });
    const check = el("button", { type: "button", class: "md-button md-button--primary", text: words.check });
    const toggle = el("button", { type: "button", class: "md-button practice-toggle", "aria-pressed": "false", text: words.other_language });
    const after = el("div", { class: "practice-after", hidden: true });
    const finish = el("button", { type: "button", class: "md-button practice-finish", text: words.finish });
    const draw = async () => {
      const { item: shownItem, base, form } = await itemForm(id, order, current.shown, current.answer || chosenNow());
      holder.replaceChildren(form);
      form.addEventListener("submit", (event) => event.preventDefault());
      if (current.answer) {
        for (const input of form.querySelectorAll("input")) input.disabled = true;
        status.replaceChildren(verdict(current.correct), ...explanations(shownItem, base, order, current.answer));
      }
    };
    const chosenNow = () => (holder.firstChild ? chosen(holder.firstChild) : []);
    check.addEventListener("click", () => {
      const answer = chosenNow();
      const count = keys(item).length;
      if (answer.length !== count) {
        problem.textContent = fill(words.choose, { count });
        return;
      }
      problem.textContent = "";
      current.answer = answer;
      current.correct = same(answer, keys(item));
      current.when = new Date();
      session.right += current.correct ? 1 : 0;
      const rating = current.correct ? "good" : "again";
      current.before = record(id, current.correct, rating, current.when);
      check.hidden = true;
      after.hidden = false;
      pressed(rating, store.read().items[id].card);
      render();
      draw();
      next.focus();
    });
    toggle.addEventListener("click", () => {
      current.shown = current.shown === lang ? otherLang : lang;
      toggle.setAttribute("aria-pressed", String(current.shown !== lang));
      draw();
    });
    // The rating: from the answer's correctness, which the learner may change.
    const ratings = el("fieldset", { class: "practice-rating" }, el("legend", { text: words.rating }));
    const when = el("p", { class: "practice-next-review" });
    const pressed = (rating, card) => {
      for (const button of ratings.querySelectorAll("button")) {
        button.setAttribute("aria-pressed", String(button.value === rating));
      }
      when.textContent = fill(words.next_review, {
        date: new Date(card.due).toLocaleString(document.documentElement.lang),
      });
    };
    for (const rating of RATINGS) {
      const button = el("button", { type: "button", class: "md-button", value: rating, "aria-pressed": "false", text: words[rating] });
      button.addEventListener("click", () => {
        pressed(rating, rerate(id, current.before, rating, current.when));
        render();
      });
      ratings.append(button);
    }
    const next = el("button", { type: "button", class: "md-button md-button--primary", text: words.next });
    next.addEventListener("click", () => {
      session.index += 1;
      if (session.index < session.ids.length) ask();
      else finished();
    });
    finish.addEventListener("click", finished);
    after.append(ratings, when, el("p", {}, next));
    view.append(position, holder, problem, el("p", { class: "practice-actions" }, check, " ", toggle), status, after, el("p", {}, finish));
    show(view);
    await draw();
    focus(position);
  };
  const verdict = (correct) =>
    el("p", { class: correct ? "practice-verdict practice-right" : "practice-verdict practice-wrong" },
      el("strong", { text: correct ? words.right : words.wrong }));
  const finished = () => {
    const answered = session.index + (session.current?.answer ? 1 : 0);
    note.textContent = fill(words.finished, { correct: session.right, total: Math.min(answered, session.ids.length) });
    backHome();
  };
  const backHome = () => {
    stopTimer();
    session = null;
    stage.hidden = true;
    stage.replaceChildren();
    home.hidden = false;
    render();
    focus(app.querySelector(".practice-dashboard h2"));
  };

  // --- Mock exam -----------------------------------------------------------------------------
  const startExam = async (form) => {
    const values = new FormData(form);
    const kind = values.get("exam") in EXAMS ? values.get("exam") : "short";
    const [count, base] = EXAMS[kind];
    const minutes = base + (values.get("extra") ? 30 : 0);
    const { items: byId } = await bank(lang);
    const now = Date.now();
    const exam = {
      id: `exam-${now}`,
      kind,
      minutes,
      started: now,
      deadline: now + minutes * 60 * 1000,
      items: drawExam(count).map((id) => ({ id, order: shuffle(byId.get(id).options.map((o) => o.id)) })),
      answers: {},
      flags: {},
      index: 0,
      warned: false,
    };
    const data = store.read();
    data.exam = exam;
    store.write(data);
    runExam();
  };
  const saveExam = (change) => {
    const data = store.read();
    if (!data.exam) return null;
    change(data.exam);
    store.write(data);
    return data.exam;
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const clock = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(seconds / 3600);
    const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
    const s = String(seconds % 60).padStart(2, "0");
    return h ? `${h}:${m}:${s}` : `${m}:${s}`;
  };
  const runExam = async () => {
    stopTimer();
    session = { exam: true };
    const exam = store.read().exam;
    if (!exam) return backHome();
    if (Date.now() >= exam.deadline) return submitExam(true);
    const view = el("div", { class: "practice-exam" });
    const time = el("p", { class: "practice-timer", role: "timer", "aria-atomic": "true" });
    const warning = el("p", { class: "practice-warning", role: "alert" });
    const position = el("p", { class: "practice-position" });
    const holder = el("div", { class: "practice-holder" });
    const flag = el("button", { type: "button", class: "md-button practice-flag", "aria-pressed": "false", text: words.flag });
    const previous = el("button", { type: "button", class: "md-button", text: words.previous });
    const next = el("button", { type: "button", class: "md-button", text: words.next });
    const list = el("ol", { class: "practice-navigator-list" });
    const navigator = el("nav", { class: "practice-navigator", "aria-label": words.navigator }, list);
    const submit = el("button", { type: "button", class: "md-button md-button--primary", text: words.submit });
    const tick = () => {
      const left = store.read().exam?.deadline - Date.now();
      if (!(left > 0)) return submitExam(true);
      time.textContent = fill(words.time_left, { time: clock(left) });
      if (left <= WARN && !warning.textContent) {
        warning.textContent = words.time_warning;
        saveExam((e) => (e.warned = true));
      }
    };
    const buttons = exam.items.map((entry, index) => {
      const button = el("button", { type: "button", class: "practice-nav-item" });
      button.addEventListener("click", () => go(index));
      list.append(el("li", {}, button));
      return button;
    });
    const mark = () => {
      const state = store.read().exam;
      state.items.forEach((entry, index) => {
        const answered = (state.answers[entry.id] || []).length > 0;
        const flagged = Boolean(state.flags[entry.id]);
        const button = buttons[index];
        const said = [answered ? words.answered : words.unanswered, flagged ? words.flagged : null].filter(Boolean).join(", ");
        button.replaceChildren(String(index + 1), el("span", { class: "practice-nav-state", text: ` ${said}` }));
        button.classList.toggle("practice-nav-item--answered", answered);
        button.classList.toggle("practice-nav-item--flagged", flagged);
        if (index === state.index) button.setAttribute("aria-current", "step");
        else button.removeAttribute("aria-current");
      });
    };
    const go = async (index) => {
      const state = saveExam((e) => (e.index = index));
      const entry = state.items[index];
      position.textContent = fill(words.position, { n: index + 1, total: state.items.length });
      // As in the real exam, an item may be read in the other language (the toggle).
      const shown = toggle.getAttribute("aria-pressed") === "true" ? otherLang : lang;
      const { form } = await itemForm(entry.id, entry.order, shown, state.answers[entry.id] || []);
      form.addEventListener("submit", (event) => event.preventDefault());
      form.addEventListener("change", () => {
        saveExam((e) => (e.answers[entry.id] = chosen(form)));
        mark();
      });
      holder.replaceChildren(form);
      flag.setAttribute("aria-pressed", String(Boolean(state.flags[entry.id])));
      previous.disabled = index === 0;
      next.disabled = index === state.items.length - 1;
      mark();
    };
    const toggle = el("button", { type: "button", class: "md-button practice-toggle", "aria-pressed": "false", text: words.other_language });
    toggle.addEventListener("click", () => {
      toggle.setAttribute("aria-pressed", String(toggle.getAttribute("aria-pressed") !== "true"));
      go(store.read().exam.index);
    });
    flag.addEventListener("click", () => {
      const state = saveExam((e) => {
        const id = e.items[e.index].id;
        if (e.flags[id]) delete e.flags[id];
        else e.flags[id] = true;
      });
      flag.setAttribute("aria-pressed", String(Boolean(state.flags[state.items[state.index].id])));
      mark();
    });
    previous.addEventListener("click", () => go(store.read().exam.index - 1));
    next.addEventListener("click", () => go(store.read().exam.index + 1));
    submit.addEventListener("click", () => {
      const state = store.read().exam;
      const open = state.items.filter((e) => !(state.answers[e.id] || []).length).length;
      if (open && !window.confirm(fill(words.submit_confirm, { count: open }))) return;
      submitExam(false);
    });
    if (exam.warned) warning.textContent = words.time_warning;
    view.append(
      el("div", { class: "practice-exam-bar" }, time, position),
      warning,
      holder,
      el("p", { class: "practice-actions" }, previous, " ", next, " ", flag, " ", toggle),
      navigator,
      el("p", {}, submit),
    );
    show(view);
    tick();
    timer = setInterval(tick, 1000);
    await go(exam.index);
    focus(position);
  };
  const tally = (table, key, correct) => {
    const row = (table[key] ||= [0, 0]);
    row[0] += correct ? 1 : 0;
    row[1] += 1;
  };
  const submitExam = async (timeUp) => {
    stopTimer();
    const data = store.read();
    const exam = data.exam;
    if (!exam) return backHome();
    const { items: byId } = await bank(lang);
    const now = new Date();
    const result = { domains: {}, services: {}, correct: 0 };
    const answers = exam.items.map((entry) => {
      const item = byId.get(entry.id);
      const answer = exam.answers[entry.id] || [];
      const correct = same(answer, keys(item));
      result.correct += correct ? 1 : 0;
      tally(result.domains, item.domain, correct);
      tally(result.services, item.service, correct);
      return { ...entry, answer, correct };
    });
    const total = answers.length;
    const score = Math.round(100 + (900 * result.correct) / total);
    const done = {
      id: exam.id, kind: exam.kind, minutes: exam.minutes, started: exam.started,
      finished: now.getTime(), timeUp, total, correct: result.correct, score,
      passed: score >= PASS, domains: result.domains, services: result.services, items: answers,
    };
    data.exam = null;
    data.exams.push(done);
    store.write(data);
    // Every answer given counts, and schedules its item's review, as in practice.
    for (const entry of answers) {
      if (entry.answer.length) record(entry.id, entry.correct, entry.correct ? "good" : "again", now);
    }
    showResult(done, byId);
  };
  const areaTable = (caption, rows, names) => {
    const head = el("tr", {}, ...["area", "correct", "accuracy"].map((k) => el("th", { scope: "col", text: words[k] })));
    const body = Object.entries(rows)
      .sort((a, b) => a[1][0] / a[1][1] - b[1][0] / b[1][1])
      .map(([key, [right, all]]) =>
        el("tr", {}, el("th", { scope: "row", text: names[key] || key }), el("td", { text: `${right} / ${all}` }),
          el("td", { text: `${Math.round((100 * right) / all)}%` })));
    return el("table", { class: "practice-areas" }, el("caption", { text: caption }), el("thead", {}, head), el("tbody", {}, ...body));
  };
  const showResult = async (done, byId) => {
    const { base } = await bank(lang);
    const title = el("h2", { class: "practice-result-title", text: words.result });
    const review = el("ol", { class: "practice-review" });
    for (const entry of done.items) {
      const item = byId.get(entry.id);
      review.append(
        el("li", { "data-question-id": entry.id },
          el("p", { class: "practice-stem" }, rich(item.stem, base)),
          verdict(entry.correct),
          entry.answer.length ? null : el("p", { text: `${words.your_answer}: ${words.no_answer}` }),
          ...explanations(item, base, entry.order, entry.answer)),
      );
    }
    const back = el("button", { type: "button", class: "md-button", text: words.back });
    back.addEventListener("click", backHome);
    show(
      el("div", { class: "practice-result" },
        title,
        done.timeUp ? el("p", { class: "practice-warning", text: words.time_up }) : null,
        el("p", { class: "practice-score" }, el("strong", { text: fill(words.score, { score: done.score }) }), " ",
          el("span", { text: done.passed ? words.pass : words.fail })),
        el("p", { class: "practice-score-note", text: words.score_note }),
        areaTable(words.by_domain, done.domains, words.domain_names),
        areaTable(words.by_service, done.services, words.service_names),
        el("h3", { text: words.review }),
        review,
        el("p", {}, back)),
    );
    render();
    focus(title);
  };

  // --- Export, import, reset -----------------------------------------------------------------
  const download = (data) => {
    const { exam, ...rest } = data;
    const text = JSON.stringify({ ...rest, exam, exported: new Date().toISOString() }, null, 2);
    const link = el("a", {
      href: URL.createObjectURL(new Blob([text], { type: "application/json" })),
      download: `aws-analytics-notes-progress-${new Date().toISOString().slice(0, 10)}.json`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  };
  const exportFile = () => download(store.read());
  const problem = (key, values = {}) => Object.assign(new Error(fill(words[key], values)), { shown: true });
  const number = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0;
  // A file as the learner gave it, checked whole before anything is stored.
  const validate = (text) => {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw problem("bad_json", { detail: error.message });
    }
    if (!data || typeof data !== "object" || data.schema !== empty().schema || !Number.isInteger(data.version)) {
      throw problem("bad_schema");
    }
    if (data.version > empty().version) throw problem("bad_version", { version: data.version, supported: empty().version });
    if (data.version < empty().version) throw problem("bad_schema");
    if (!data.items || typeof data.items !== "object" || Array.isArray(data.items) || !Array.isArray(data.exams)) {
      throw problem("bad_data", { detail: "items, exams" });
    }
    const unknown = Object.keys(data.items).filter((id) => !known.has(id));
    if (unknown.length) throw problem("bad_ids", { ids: unknown.slice(0, 5).join(", ") + (unknown.length > 5 ? ", …" : "") });
    for (const [id, entry] of Object.entries(data.items)) {
      const fine = entry && typeof entry === "object" && number(entry.seen) && number(entry.correct) && number(entry.updated ?? 0) &&
        (entry.card == null || (typeof entry.card === "object" && !Number.isNaN(Date.parse(entry.card.due)) && number(entry.card.stability) && number(entry.card.reps)));
      if (!fine) throw problem("bad_data", { detail: id });
    }
    for (const exam of data.exams) {
      if (!exam || typeof exam.id !== "string" || !number(exam.score) || !number(exam.total)) throw problem("bad_data", { detail: "exams" });
    }
    if (data.exam != null && (typeof data.exam !== "object" || !Array.isArray(data.exam.items))) throw problem("bad_data", { detail: "exam" });
    return data;
  };
  const merge = (mine, theirs) => {
    let taken = 0;
    for (const [id, entry] of Object.entries(theirs.items)) {
      if (!mine.items[id] || (entry.updated || 0) > (mine.items[id].updated || 0)) {
        mine.items[id] = entry;
        taken += 1;
      }
    }
    const ids = new Set(mine.exams.map((exam) => exam.id));
    mine.exams.push(...theirs.exams.filter((exam) => !ids.has(exam.id)));
    mine.exams.sort((a, b) => (a.finished || 0) - (b.finished || 0));
    mine.exam ||= theirs.exam || null;
    return taken;
  };
  const importFile = async (input) => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    note.textContent = "";
    try {
      const theirs = validate(await file.text());
      const replace = app.querySelector("input[name=import-mode]:checked")?.value === "replace";
      const mine = store.read();
      let taken;
      if (replace) {
        if (!window.confirm(words.replace_confirm)) return;
        download(mine);
        taken = Object.keys(theirs.items).length;
        store.write({ ...empty(), ...theirs, migrated: mine.migrated || theirs.migrated, exported: undefined });
      } else {
        taken = merge(mine, theirs);
        store.write(mine);
      }
      note.textContent = fill(words.imported, { count: taken });
      render();
      if (store.read().exam && !session) runExam();
    } catch (error) {
      alertLine.textContent = error.shown ? error.message : fill(words.bad_data, { detail: String(error) });
    }
  };
  const reset = () => {
    if (!window.confirm(words.reset_confirm)) return;
    const mine = store.read();
    download(mine);
    store.write({ ...empty(), migrated: mine.migrated });
    note.textContent = words.cleared;
    backHome();
  };
  // The earlier page's marks ({id: true}): each one a card reviewed now, rated Good.
  const migrate = (text) => {
    let old = {};
    try {
      old = JSON.parse(text) || {};
    } catch {}
    const data = store.read();
    const now = new Date();
    for (const [id, mark] of Object.entries(old)) {
      if (mark !== true || !known.has(id) || data.items[id]) continue;
      const card = scheduler.next(createEmptyCard(now), now, Rating.Good).card;
      data.items[id] = { seen: 0, correct: 0, card: fromCard(card), updated: now.getTime(), from: "v1" };
    }
    data.migrated = "v1";
    store.write(data);
    render();
  };
  const resumeExam = () => runExam();

  return { startPractice, startArea, startExam, resumeExam, exportFile, importFile, reset, migrate, meta };
};
