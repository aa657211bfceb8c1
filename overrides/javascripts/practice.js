// The practice page: "got it" marks per question, kept in this browser (localStorage) under
// each question's data-question-id, so they survive a reload, the other language's page (the
// ids are shared) and the offline copy. The page's HTML (studysite.practice) holds the
// buttons and progress lines, hidden; this script shows them once it can keep the marks.
(() => {
  const KEY = "studysite.practice.v1";
  const questions = [...document.querySelectorAll(".practice-question[data-question-id]")];
  if (!questions.length) return;

  let storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(`${KEY}.probe`, "1");
    storage.removeItem(`${KEY}.probe`);
  } catch {
    return; // storage off (a privacy setting): the buttons stay hidden, the questions work
  }

  const load = () => {
    try {
      const data = JSON.parse(storage.getItem(KEY) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch {
      return {};
    }
  };
  const save = (known) => storage.setItem(KEY, JSON.stringify(known));

  const render = () => {
    const known = load();
    for (const question of questions) {
      const button = question.querySelector(".practice-got-it");
      const marked = known[question.dataset.questionId] === true;
      button.setAttribute("aria-pressed", String(marked));
      question.classList.toggle("practice-question--known", marked);
    }
    for (const line of document.querySelectorAll("[data-practice-progress]")) {
      const group = line.dataset.practiceProgress;
      const mine = questions.filter((q) => !group || q.dataset.practiceGroup === group);
      const count = mine.filter((q) => known[q.dataset.questionId] === true).length;
      line.textContent = line.dataset.template
        .replace("{known}", String(count))
        .replace("{total}", String(mine.length));
    }
  };

  questions.forEach((question, index) => {
    const button = question.querySelector(".practice-got-it");
    const stem = question.querySelector(".quiz-stem");
    if (stem) {
      // The button's name is the same on every question: say which one it marks.
      stem.id ||= `practice-question-${index + 1}`;
      button.setAttribute("aria-describedby", stem.id);
    }
    button.addEventListener("click", () => {
      const known = load();
      const id = question.dataset.questionId;
      if (known[id] === true) delete known[id];
      else known[id] = true;
      save(known);
      render();
    });
    button.hidden = false;
  });

  const reset = document.querySelector(".practice-reset");
  if (reset) {
    reset.addEventListener("click", () => {
      // Nothing lost by a slip: clearing asks first.
      if (reset.dataset.confirm && !window.confirm(reset.dataset.confirm)) return;
      const known = load();
      for (const question of questions) delete known[question.dataset.questionId];
      save(known);
      render();
    });
    reset.hidden = false;
  }
  for (const line of document.querySelectorAll("[data-practice-progress]")) line.hidden = false;

  // Another tab (or the other language's page) changed the marks.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) render();
  });
  render();
})();
