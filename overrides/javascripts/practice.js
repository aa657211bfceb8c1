// The practice page's first script: progress, the dashboard, the controls (which the page
// renders disabled: see studysite/practice.py). The engine loads on first use. Progress is one
// versioned record under KEY; the v1 marks (OLD) become cards once, and OLD stays.
(() => {
  const app = document.querySelector(".practice-app");
  if (!app) return;
  const KEY = "studysite.practice.v2";
  const OLD = "studysite.practice.v1";
  const SCHEMA = "studysite.practice";
  const VERSION = 2;
  const words = JSON.parse(app.querySelector(".practice-words").textContent);
  const script = document.currentScript.src;
  const items = [...document.querySelectorAll(".practice-question > .quiz")].map((q) => ({
    id: q.dataset.questionId,
    service: q.dataset.service,
    domain: q.dataset.domain,
  }));
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  const empty = () => ({ schema: SCHEMA, version: VERSION, items: {}, exams: [], exam: null });

  // Storage, or memory where the browser keeps none (a privacy setting): practice still works.
  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(`${KEY}.probe`, "1");
    storage.removeItem(`${KEY}.probe`);
  } catch {
    storage = null;
  }
  let memory = JSON.stringify(empty());
  const alert = app.querySelector(".practice-alert");
  const store = {
    kept: storage !== null,
    raw: () => (storage ? storage.getItem(KEY) : memory),
    read() {
      const text = this.raw();
      if (!text) return empty();
      try {
        const data = JSON.parse(text);
        if (data && data.schema === SCHEMA && data.version === VERSION) return data;
      } catch {}
      // Not ours to overwrite: kept aside, never lost.
      if (storage) storage.setItem(`${KEY}.unreadable.${Date.now()}`, text);
      return empty();
    },
    write(data) {
      const text = JSON.stringify(data);
      try {
        if (storage) storage.setItem(KEY, text);
        else memory = text;
      } catch (error) {
        alert.textContent = String(error);
      }
    },
    old: () => (storage ? storage.getItem(OLD) : null),
  };
  if (!store.kept) {
    const notice = app.querySelector(".practice-storage");
    notice.textContent = words.no_storage;
    notice.hidden = false;
  }

  const endOfToday = (now) => {
    const end = new Date(now);
    end.setHours(24, 0, 0, 0);
    return end.getTime();
  };
  const isDue = (entry, now) => Boolean(entry?.card) && Date.parse(entry.card.due) < endOfToday(now);

  // The dashboard: accuracy per area (every answer counts), due and seen, weakest first.
  const render = () => {
    const data = store.read();
    const now = Date.now();
    const entries = items.map((item) => [item, data.items[item.id]]);
    const due = entries.filter(([, entry]) => isDue(entry, now)).length;
    const seen = entries.filter(([, entry]) => entry).length;
    app.querySelector("[data-practice-due]").textContent = fill(words.due_today, { count: due });
    app.querySelector("[data-practice-seen]").textContent = fill(words.seen, {
      seen,
      total: items.length,
      unseen: items.length - seen,
    });
    for (const body of app.querySelectorAll(".practice-dashboard .practice-areas tbody")) {
      const rows = [...body.rows].map((row) => {
        const [kind, name] = row.dataset.area.split(":");
        const mine = entries.filter(([item]) => item[kind] === name);
        const answers = mine.reduce((n, [, e]) => n + (e?.seen || 0), 0);
        const right = mine.reduce((n, [, e]) => n + (e?.correct || 0), 0);
        const cells = row.cells;
        cells[1].textContent = `${right} / ${answers}`;
        cells[2].textContent = answers ? `${Math.round((100 * right) / answers)}%` : words.not_yet;
        cells[3].textContent = String(mine.filter(([, e]) => isDue(e, now)).length);
        return [answers ? right / answers : 2, row];
      });
      rows.sort((a, b) => a[0] - b[0]);
      for (const [, row] of rows) body.append(row);
    }
    const history = app.querySelector(".practice-history");
    history.replaceChildren(
      ...data.exams
        .slice()
        .reverse()
        .map((exam) => {
          const line = document.createElement("li");
          line.textContent = fill(words.history_line, {
            date: new Date(exam.finished).toLocaleString(document.documentElement.lang),
            kind: words[`kind_${exam.kind}`] || exam.kind,
            correct: exam.correct,
            total: exam.total,
            score: exam.score,
          });
          return line;
        }),
    );
  };

  // The rest of the engine, loaded once, on the first use: the scheduler, the engine, its
  // stylesheet, and the bank with the engine's words (questions.js).
  const load = (src, base = script) =>
    new Promise((resolve, reject) => {
      const url = new URL(src, base).href;
      const element = url.endsWith(".css") ? document.createElement("link") : document.createElement("script");
      if (element.tagName === "LINK") Object.assign(element, { rel: "stylesheet", href: url });
      else element.src = url;
      element.onload = resolve;
      element.onerror = () => reject(new Error(`${url} did not load`));
      document.head.append(element);
    });
  let started = null;
  const lang = app.dataset.lang;
  const engine = () =>
    (started ||= Promise.all([
      load("vendor/ts-fsrs.umd.js").then(() => load("practice-engine.js")),
      load("../stylesheets/practice-engine.css"),
      load(app.dataset.bank, document.baseURI),
    ]).then(() =>
      self.studysitePracticeEngine({
        app,
        words: { ...words, ...self.studysiteWords[lang] },
        store,
        items,
        render,
        fill,
        isDue,
        empty,
      }),
    ));
  const use = (action) => (event) => {
    event?.preventDefault();
    alert.textContent = "";
    engine()
      .then((api) => action(api, event))
      .catch((error) => {
        alert.textContent = String(error);
      });
  };

  for (const form of app.querySelectorAll("form[data-practice-form]")) {
    const kind = form.dataset.practiceForm;
    form.addEventListener(
      "submit",
      use((api) => (kind === "exam" ? api.startExam(form) : api.startPractice(form))),
    );
  }
  for (const button of app.querySelectorAll("[data-start]")) {
    button.addEventListener("click", use((api) => api.startArea(button.dataset.start)));
    button.disabled = false;
  }
  app.querySelector("[data-practice-export]").addEventListener("click", use((api) => api.exportFile()));
  app.querySelector("[data-practice-reset]").addEventListener("click", use((api) => api.reset()));
  const file = app.querySelector(".practice-file");
  file.addEventListener(
    "change",
    use((api) => api.importFile(file)),
  );
  for (const fieldset of app.querySelectorAll(".practice-controls")) fieldset.disabled = false;

  window.addEventListener("storage", (event) => {
    if (event.key === KEY) render();
  });
  render();
  const data = store.read();
  if (data.exam) use((api) => api.resumeExam())();
  else if (store.old() && !data.migrated) use((api) => api.migrate(store.old()))();
})();
