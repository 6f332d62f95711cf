// The preview pane in the site's look: the page's heading, badges, event
// block and agenda with the theme's classes (theme/templates/components/),
// then the text as Decap renders it.
export function registerPreviews(CMS, config) {
  const h = window.h;
  const admins = new Map();
  for (const collection of config.collections) {
    for (const field of collection.fields) {
      if (field.name === "administrations") for (const o of field.options) admins.set(o.value, o.label);
    }
  }
  const ArticlePreview = ({ entry, widgetFor }) => {
    const data = entry.get("data");
    const value = (name) => data.get(name);
    const list = (name) => (value(name) ? value(name).toJS() : []);
    const event = value("event") ? value("event").toJS() : null;
    return h("main", { className: "la-main", id: "main-content" },
      h("article", { className: "la-article" },
        h("h1", {}, value("title") || ""),
        list("administrations").length
          ? h("ul", { className: "la-badges" },
            list("administrations").map((slug) => h("li", { className: "la-badge", key: slug }, admins.get(slug) || slug)))
          : null,
        event && event.start
          ? h("section", { className: "la-event", "aria-label": "Evenemang" },
            h("p", { className: "la-event__date" }, event.end ? `${event.start} – ${event.end}` : event.start),
            event.location ? h("p", { className: "la-event__place" }, event.location) : null,
            event.address ? h("p", { className: "la-event__address" }, event.address) : null)
          : null,
        list("agenda").length
          ? h("section", { className: "la-agenda" }, h("h2", {}, "Dagordning"),
            h("ol", {}, list("agenda").map((item, i) => h("li", { key: i }, item))))
          : null,
        h("div", { className: "la-prose" }, widgetFor("body"))));
  };
  for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, ArticlePreview);
}
