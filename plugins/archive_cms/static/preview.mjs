// The preview pane in the site's look: the page's heading, administration
// badges, event block and agenda with the markup and classes of the theme's
// components (theme/templates/components/administration_badge.html,
// event_block.html, agenda.html), styled by the site's own CSS, then the
// text as Decap renders it. Dates in Swedish words, as the site shows them.
const STATUS = { cancelled: "Inställt", postponed: "Uppskjutet", full: "Fullbokat", tentative: "Preliminärt" };
const DAY = new Intl.DateTimeFormat("sv-SE", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
// A personnummer or samordningsnummer (ÅÅMMDD-NNNN, with or without century
// and separator): archive_safety stops the build for one that is not a
// recorded exception, so the preview warns while the editor writes.
export const PERSONNUMMER = /\b(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]|[6-8]\d|9[01])[-+ ]?\d{4}\b/;
const WHEN = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/;

export function inWords(text) {
  const match = WHEN.exec(String(text ?? "").trim());
  if (!match) return String(text ?? "");
  const [, y, m, d, hh, mm] = match;
  const day = DAY.format(new Date(Number(y), Number(m) - 1, Number(d)));
  return hh ? `${day} kl. ${hh}.${mm}` : day;
}

function eventWhen(event) {
  const start = inWords(event.start);
  if (!event.end) return start;
  if (/^\d{1,2}:\d{2}$/.test(event.end)) return `${start}–${event.end.replace(":", ".")}`;
  return `${start} – ${inWords(event.end)}`;
}

function administrationsOf(config) {
  const found = new Map();
  for (const collection of config.collections) {
    for (const field of collection.fields) {
      if (field.name !== "administrations") continue;
      for (const option of field.options) {
        const abbreviation = /\(([^()]*)\)$/.exec(option.label)?.[1] ?? option.value;
        found.set(option.value, { name: option.label.replace(/ \([^()]*\)$/, ""), abbreviation });
      }
    }
  }
  return found;
}

// Pages (relative to /admin/) of the administrations that have one, from
// lararkiv.json: the page's badges are links to them, so the preview's are.
export function registerPreviews(CMS, config, administrationUrls = {}) {
  const h = window.h;
  const admins = administrationsOf(config);
  const row = (term, ...content) => h("div", { className: "la-event__row" }, h("dt", {}, term), h("dd", {}, ...content));

  const badges = (slugs) => (slugs.length
    ? h("ul", { className: "la-badges", "aria-label": "Förvaltningar" }, slugs.map((slug) => {
      const admin = admins.get(slug) ?? { name: slug, abbreviation: slug };
      const label = [h("abbr", { title: admin.name, key: "abbr" }, admin.abbreviation),
        h("span", { className: "la-visually-hidden", key: "name" }, ` ${admin.name}`)];
      const url = administrationUrls[slug];
      return h("li", { className: `la-badge la-badge--${slug}`, key: slug, "data-la-administration": slug },
        url ? h("a", { href: url }, label) : label);
    }))
    : null);

  const eventBlock = (event) => {
    if (!event || !event.start) return null;
    const registration = event.registration ?? {};
    const speakers = event.speakers ?? [];
    return h("div", { className: `la-event la-event--${event.status || "scheduled"}` },
      STATUS[event.status] ? h("p", { className: `la-event__status la-event-status la-event-status--${event.status}` },
        h("strong", {}, STATUS[event.status])) : null,
      h("dl", { className: "la-event__facts" },
        row("När", h("p", { className: "la-event__when" }, eventWhen(event)),
          event.note ? h("p", { className: "la-event__note" }, event.note) : null),
        event.location || event.address || event.online_url ? row("Var",
          event.location ? h("p", { className: "la-event__location" }, event.location) : null,
          event.address && event.address !== event.location ? h("p", { className: "la-event__address" }, event.address) : null,
          event.online_url ? h("p", { className: "la-event__online" }, "Digitalt: ", h("a", { href: event.online_url }, event.online_url)) : null) : null,
        speakers.length ? row("Medverkande", h("ul", { className: "la-event__speakers" },
          speakers.map((s, i) => h("li", { key: i }, typeof s === "string" ? s : [s.name, s.affiliation].filter(Boolean).join(", "))))) : null,
        event.organizer ? row("Arrangör", event.organizer) : null,
        Object.keys(registration).length ? row("Anmälan",
          registration.email ? h("p", {}, "E-post: ", h("a", { href: `mailto:${registration.email}` }, registration.email)) : null,
          registration.phone ? h("p", {}, "Telefon: ", h("a", { href: `tel:${String(registration.phone).replace(/[ -]/g, "")}` }, registration.phone),
            registration.contact ? ` (${registration.contact})` : null)
            : registration.contact ? h("p", {}, `Kontakt: ${registration.contact}`) : null,
          registration.url ? h("p", {}, h("a", { href: registration.url }, "Anmäl dig på webben")) : null,
          registration.deadline ? h("p", {}, `Sista anmälningsdag: ${inWords(registration.deadline)}`) : null,
          registration.note ? h("p", {}, registration.note) : null) : null));
  };

  const agenda = (items) => (items.length
    ? h("section", { className: "la-agenda", "aria-labelledby": "la-agenda-heading" },
      h("h2", { id: "la-agenda-heading", className: "la-agenda__heading" }, "Dagordning"),
      h("ol", { className: "la-agenda__list" }, items.map((item, i) => h("li", { className: "la-agenda__item", key: i }, item))))
    : null);

  const PagePreview = ({ entry, widgetFor }) => {
    const data = entry.get("data");
    const plain = (name) => (data.get(name) && data.get(name).toJS ? data.get(name).toJS() : data.get(name));
    const text = [plain("title"), plain("summary"), plain("body")].filter(Boolean).join("\n");
    const excepted = (plain("personal_data_exceptions") ?? []).length > 0;
    return h("main", { id: "main-content", className: "la-main" },
      PERSONNUMMER.test(text) && !excepted
        ? h("p", { className: "la-outdated", role: "alert" },
          "Varning: texten ser ut att innehålla ett personnummer. Ta bort det; bygget stoppar sidan ",
          "om det inte står som ett medvetet undantag under Medvetna undantag.")
        : null,
      h("article", { className: "la-article" },
        h("h1", {}, plain("title") || ""),
        badges(plain("administrations") ?? []),
        // In the page's section, as article_event.html has it (its
        // calendar link and structured data are the built page's alone).
        plain("event")?.start ? h("section", { className: "la-events-on-page", "aria-labelledby": "handelser-rubrik" },
          h("h2", { id: "handelser-rubrik" }, "Tid och plats"), eventBlock(plain("event"))) : null,
        agenda(plain("agenda") ?? []),
        h("div", { className: "la-prose" }, widgetFor("body"))));
  };
  for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, PagePreview);
}
