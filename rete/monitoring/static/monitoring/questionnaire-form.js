/* Questions asked only after some answers (the definition's show_if): each question's block
   carries data-show-if='{"question": "q1", "any_of": ["yes"]}'; a block is shown when the
   question it depends on is shown and one of its chosen answers is in any_of. The server
   judges the same way and ignores what is typed in a question not asked. */
(function () {
  "use strict";

  function chosen(container, key) {
    var values = [];
    container.querySelectorAll('[name="a-' + key + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
        return;
      }
      if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }

  function refresh(container) {
    var shown = {};
    container.querySelectorAll("[data-question]").forEach(function (block) {
      var visible = true;
      if (block.dataset.showIf) {
        var condition = JSON.parse(block.dataset.showIf);
        visible =
          shown[condition.question] === true &&
          chosen(container, condition.question).some(function (value) {
            return condition.any_of.indexOf(value) !== -1;
          });
      }
      shown[block.dataset.question] = visible;
      block.hidden = !visible;
    });
  }

  document.querySelectorAll("[data-questionnaire-form]").forEach(function (container) {
    container.addEventListener("change", function () {
      refresh(container);
    });
    refresh(container);
  });
})();
