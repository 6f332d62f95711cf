/* Öppna lärarkivet: the search page (/sok/) on Pagefind's JavaScript API.
 *
 * Loaded in <head> as a classic script. It marks <html> at once so the CSS
 * shows the search form instead of the "needs JavaScript" text from the first
 * paint. A browser too old to parse this file (async functions, import())
 * never gets the mark and keeps the explanation and the listings.
 *
 * Why not Pagefind's Component UI: its search call passes filters only, so it
 * cannot sort by date; here the form is plain HTML (labelled field, checkboxes
 * in fieldsets, a select), rendered by the site with the site's styles, and
 * the form's own parameters (?q=…&forvaltning=…&sortera=…) are the deep link.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("la-search-js");

  // Diacritics are folded (exactDiacritics: false) so that "forening" finds
  // "förening" from a keyboard without å/ä/ö; exact spellings still rank
  // first, and diacriticSimilarity 1.0 gives them the largest boost.
  var PAGEFIND_OPTIONS = {
    exactDiacritics: false,
    excerptLength: 24,
    ranking: { diacriticSimilarity: 1.0 }
  };
  var PAGE_SIZE = 10;
  var SORTS = { nyast: { datum: "desc" }, aldst: { datum: "asc" } };
  var DATE_FORMAT = new Intl.DateTimeFormat("sv-SE", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function swedishDate(iso) {
    var parts = iso.split("-").map(Number);
    return DATE_FORMAT.format(new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])));
  }

  // As Pagefind compares words: lower case, å/ä/ö/é as a/a/o/e.
  function folded(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function SearchPage(container) {
    this.container = container;
    this.form = container.querySelector("[data-la-search-form]");
    this.input = this.form.elements.q;
    this.sort = this.form.elements.sortera;
    this.status = container.querySelector("[data-la-search-status]");
    this.list = container.querySelector("[data-la-search-results]");
    this.more = container.querySelector("[data-la-search-more]");
    this.groups = Array.prototype.slice.call(container.querySelectorAll("[data-la-search-group]"));
    this.siteRoot = new URL(container.getAttribute("data-site-root"), document.baseURI);
    this.bundle = new URL(container.getAttribute("data-bundle"), document.baseURI);
    this.pagefind = null;
    this.searchNumber = 0;
    this.results = [];
    this.shown = 0;
  }

  SearchPage.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = import(new URL("pagefind.js", this.bundle).href).then(function (pagefind) {
        var options = Object.assign({ baseUrl: self.siteRoot.pathname }, PAGEFIND_OPTIONS);
        return pagefind.options(options).then(function () {
          // Loading the filters once makes every search return counts.
          return pagefind.filters();
        }).then(function () {
          self.pagefind = pagefind;
          return pagefind;
        });
      });
    }
    return this.loading;
  };

  SearchPage.prototype.start = function () {
    var self = this;
    this.readUrl();
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.run();
    });
    this.input.addEventListener("input", function () {
      clearTimeout(self.typingTimer);
      self.typingTimer = setTimeout(function () { self.run(); }, 300);
    });
    this.input.addEventListener("focus", function () { self.load().catch(function () {}); });
    this.form.addEventListener("change", function (event) {
      if (event.target !== self.input) self.run();
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    if (this.term() || this.selectedFilters()) this.run();
  };

  // The page's own URL is the state: ?q=…&sortera=…&forvaltning=…
  SearchPage.prototype.readUrl = function () {
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    if (params.get("sortera") && SORTS[params.get("sortera")]) this.sort.value = params.get("sortera");
    this.groups.forEach(function (group) {
      var key = group.getAttribute("data-la-search-group");
      var wanted = params.getAll(key);
      group.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
      if (wanted.length) group.open = true;
    });
    this.markSelected();
  };

  SearchPage.prototype.writeUrl = function () {
    var params = new URLSearchParams();
    if (this.term()) params.set("q", this.term());
    if (this.sort.value !== "relevans") params.set("sortera", this.sort.value);
    var filters = this.selectedFilters() || {};
    Object.keys(filters).forEach(function (key) {
      filters[key].any.forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  };

  SearchPage.prototype.term = function () {
    return this.input.value.trim();
  };

  // Within a group any value may match (förvaltning AMF or SOF); between
  // groups all must (SOF and 2019).
  SearchPage.prototype.selectedFilters = function (except) {
    var filters = {};
    var any = false;
    this.groups.forEach(function (group) {
      var key = group.getAttribute("data-la-search-group");
      if (key === except) return;
      var values = [];
      group.querySelectorAll("input:checked").forEach(function (box) { values.push(box.value); });
      if (values.length) {
        filters[key] = { any: values };
        any = true;
      }
    });
    return any ? filters : null;
  };

  SearchPage.prototype.markSelected = function () {
    this.groups.forEach(function (group) {
      var n = group.querySelectorAll("input:checked").length;
      group.querySelector("[data-la-search-selected]").textContent = n ? " (" + n + " valda)" : "";
    });
  };

  SearchPage.prototype.run = function () {
    var self = this;
    // A search typed and sent with Enter at once runs once: the pending
    // as-you-type search would show (and announce) the same results again.
    clearTimeout(this.typingTimer);
    var number = ++this.searchNumber;
    var term = this.term();
    var filters = this.selectedFilters();
    // Screen readers wait for the list; tests wait for the same signal.
    this.list.setAttribute("aria-busy", "true");
    this.markSelected();
    this.writeUrl();
    document.title = (term ? "”" + term + "” – " : "") + document.title.replace(/^”.*?” – /, "");
    if (!term && !filters) {
      this.clear("Skriv ett sökord eller välj ett filter.");
      return Promise.resolve();
    }
    // Without a term there is no relevance: newest first.
    var sortName = term ? this.sort.value : (this.sort.value === "aldst" ? "aldst" : "nyast");
    var options = { filters: filters || {} };
    if (SORTS[sortName]) options.sort = SORTS[sortName];
    return this.load().then(function (pagefind) {
      return Promise.all([pagefind.search(term || null, options), self.groupCounts(term, filters, options)]);
    }).then(function (answers) {
      if (number !== self.searchNumber) return null;
      var search = answers[0];
      self.updateCounts(search.filters, answers[1]);
      self.results = search.results;
      self.shown = 0;
      self.list.textContent = "";
      return self.showMore(false).then(function () {
        if (number !== self.searchNumber) return;
        self.announce(term, filters, search.results.length, self.nearestWord(term));
        self.list.setAttribute("aria-busy", "false");
      });
    }).catch(function (error) {
      if (number === self.searchNumber) self.fail(error);
    });
  };

  // A checked group's counts must ignore that group's own selection, or
  // adding a second administration would look like it shrinks the results.
  SearchPage.prototype.groupCounts = function (term, filters, options) {
    var self = this;
    if (!filters) return Promise.resolve({});
    var keys = Object.keys(filters);
    return Promise.all(keys.map(function (key) {
      var rest = self.selectedFilters(key) || {};
      return self.pagefind.search(term || null, { filters: rest, sort: options.sort }).then(function (s) {
        return s.filters[key];
      });
    })).then(function (counts) {
      var byKey = {};
      keys.forEach(function (key, i) { byKey[key] = counts[i]; });
      return byKey;
    });
  };

  SearchPage.prototype.updateCounts = function (counts, ownGroupCounts) {
    this.groups.forEach(function (group) {
      var key = group.getAttribute("data-la-search-group");
      var values = ownGroupCounts[key] || counts[key] || {};
      group.querySelectorAll(".la-search__option").forEach(function (option) {
        var box = option.querySelector("input");
        var n = values[box.value] || 0;
        option.querySelector("[data-la-search-count]").textContent = "(" + n + ")";
        option.classList.toggle("la-search__option--empty", n === 0 && !box.checked);
      });
    });
  };

  SearchPage.prototype.resetCounts = function () {
    this.container.querySelectorAll("[data-la-search-count]").forEach(function (count) {
      count.textContent = count.getAttribute("data-total");
    });
  };

  SearchPage.prototype.showMore = function (moveFocus) {
    var self = this;
    var slice = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    var first = this.shown;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
      pages.forEach(function (data) { self.list.appendChild(self.resultItem(data)); });
      self.shown += pages.length;
      self.more.hidden = self.shown >= self.results.length;
      if (moveFocus && pages.length) {
        var link = self.list.children[first].querySelector("a");
        if (link) link.focus();
        self.status.textContent = "Visar " + self.shown + " av " + plural(self.results.length, "träff", "träffar") + ".";
      }
    });
  };

  SearchPage.prototype.resultItem = function (data) {
    var meta = data.meta || {};
    var filters = data.filters || {};
    var item = element("li", "la-search-result");
    if (filters.typ && filters.typ.length) {
      item.appendChild(element("p", "la-search-result__type", filters.typ.join(", ")));
    }
    var heading = element("h3", "la-search-result__title");
    var link = element("a", null, meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = element("p", "la-search-result__meta");
    if (meta.datum) {
      var time = element("time", null, swedishDate(meta.datum));
      time.setAttribute("datetime", meta.datum);
      facts.appendChild(time);
    }
    if (filters.forvaltning && filters.forvaltning.length) {
      if (facts.childNodes.length) facts.appendChild(document.createTextNode(" · "));
      facts.appendChild(element("span", "la-search-result__administrations", filters.forvaltning.join(", ")));
    }
    if (facts.childNodes.length) item.appendChild(facts);
    if (data.excerpt) {
      // Pagefind escapes the page text and adds only <mark> around the hits.
      var excerpt = element("p", "la-search-result__excerpt");
      excerpt.innerHTML = data.excerpt;
      item.appendChild(excerpt);
    }
    return item;
  };

  // Pagefind never answers "nothing" for a word it does not know: it falls
  // back to the longest beginning of the word that some page has ("serien"
  // finds "ser"). Stemming keeps most of the word ("föreningarna" →
  // "förening"); when every highlighted word shares less than that with a
  // one-word query, the reader is told the hits are for a shorter word.
  SearchPage.prototype.nearestWord = function (term) {
    if (!term || /\s/.test(term)) return null;
    var query = folded(term);
    var marks = Array.prototype.map.call(this.list.querySelectorAll("mark"), function (mark) {
      return mark.textContent.toLowerCase().replace(/[^\p{L}\p{N}]+$/u, "");
    });
    if (!marks.length) return null;
    var needed = Math.min(query.length, Math.max(4, Math.ceil(query.length * 0.6)));
    var shared = marks.map(function (mark) {
      var word = folded(mark);
      var n = 0;
      while (n < word.length && n < query.length && word[n] === query[n]) n++;
      return n;
    });
    if (Math.max.apply(null, shared) >= needed) return null;
    return marks[shared.indexOf(Math.max.apply(null, shared))];
  };

  SearchPage.prototype.announce = function (term, filters, count, nearest) {
    var what = term ? " för ”" + term + "”" : "";
    var filterCount = filters ? Object.keys(filters).reduce(function (n, key) {
      return n + filters[key].any.length;
    }, 0) : 0;
    var withFilters = filterCount ? " med " + plural(filterCount, "filter", "filter") : "";
    if (nearest) {
      this.status.textContent = "Inga sidor innehåller ”" + term + "”. " + plural(count, "sida", "sidor") +
        withFilters + " har ord som börjar likadant, som ”" + nearest + "”.";
    } else if (count === 0) {
      this.status.textContent = "Inga träffar" + what + withFilters + ". Prova ett annat ord, en kortare form av ordet eller färre filter.";
    } else {
      this.status.textContent = plural(count, "träff", "träffar") + what + withFilters + ".";
    }
  };

  SearchPage.prototype.clear = function (message) {
    this.results = [];
    this.shown = 0;
    this.list.textContent = "";
    this.more.hidden = true;
    this.resetCounts();
    this.container.querySelectorAll(".la-search__option--empty").forEach(function (option) {
      option.classList.remove("la-search__option--empty");
    });
    this.status.textContent = message;
    this.list.setAttribute("aria-busy", "false");
  };

  SearchPage.prototype.fail = function (error) {
    root.classList.add("la-search-failed");
    this.clear("Sökningen kunde inte laddas. Bläddra i stället i listorna ovan.");
    var notice = this.container.querySelector("[data-la-search-notice]");
    if (notice) notice.textContent = "Sökningen kunde inte startas i din webbläsare. Allt innehåll i arkivet går också att hitta genom att bläddra:";
    if (window.console) console.error("Sökningen:", error);
  };

  ready(function () {
    var container = document.querySelector("[data-la-search]");
    if (!container) return;
    new SearchPage(container).start();
  });
})();
