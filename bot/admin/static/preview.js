// Prøv et spørgsmål: render the reply's Adaptive Card with Microsoft's renderer, as Teams would.
"use strict";
(function () {
  const source = document.getElementById("card-data");
  const target = document.getElementById("teams-card");
  if (!source || !target || typeof AdaptiveCards === "undefined") return;

  // Teams renders TextBlock markdown (bold, links); markdown-it with raw HTML off is a safe stand-in.
  const markdown = window.markdownit({ html: false, linkify: false, breaks: false });
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };

  // Close to Teams' light theme: Segoe UI, its text colours, the purple accent, emphasis in grey.
  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: "'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', sans-serif",
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: "#E0E0E0" },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    containerStyles: {
      default: {
        backgroundColor: "#FFFFFF",
        foregroundColors: {
          default: { default: "#242424", subtle: "#616161" },
          accent: { default: "#5B5FC7", subtle: "#5B5FC7" },
          good: { default: "#237B4B", subtle: "#237B4B" },
          warning: { default: "#835C00", subtle: "#835C00" },
          attention: { default: "#C4314B", subtle: "#C4314B" },
        },
      },
      emphasis: {
        backgroundColor: "#F5F5F5",
        foregroundColors: {
          default: { default: "#242424", subtle: "#616161" },
          accent: { default: "#5B5FC7", subtle: "#5B5FC7" },
        },
      },
    },
    actions: {
      maxActions: 10,
      spacing: "default",
      buttonSpacing: 8,
      showCard: { actionMode: "inline", inlineTopMargin: 8 },
      actionsOrientation: "horizontal",
      actionAlignment: "left",
    },
  });

  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  const status = document.getElementById("teams-action");
  card.onExecuteAction = (action) => {
    // A preview sends nothing: say what the button would send to Kodeks instead.
    status.textContent = "Knappen »" + action.title + "« ville sende: " + JSON.stringify(action.data);
  };
  card.parse(JSON.parse(source.textContent));
  const rendered = card.render();
  if (rendered) {
    target.appendChild(rendered);
    target.dataset.rendered = "true";
  }
})();
