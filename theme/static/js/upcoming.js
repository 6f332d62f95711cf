/* "Kommande händelser" that stay true between builds (archive_events).
 *
 * The build decides what is upcoming at its own date; a page may be read
 * weeks later. With the reader's clock, this script moves every event whose
 * end has passed from the upcoming list to the past ones, and shows "Händelsen
 * har redan ägt rum" on its page. Without JavaScript the build-time state
 * shows. It stores nothing and asks nothing of the network.
 *
 * Markup (components/event_list.html, calendar.html, front_page_upcoming.html):
 *   [data-la-events]                    one upcoming/past pair
 *     [data-la-upcoming] ul[data-la-event-list] > li[data-la-event-end]
 *     [data-la-past="flat"|"by-year"]   where ended items go; by year:
 *       [data-la-past-year] sections, newest first, each with its list
 *   li[data-la-year] is the year an item goes to
 *   [data-la-upcoming] alone (no pair)   ended items are removed
 *   [data-la-upcoming][data-la-hide-when-empty]   hidden, heading and all,
 *                                       once nothing in it is upcoming
 *   [data-la-past][data-la-show-when-filled]   shown once an item moves in
 *   [data-la-ended-notice][data-la-event-end]   shown once the end has passed
 *
 * Plain ES5 so that old browsers run it too.
 */
(function () {
  "use strict";
  if (!document.querySelectorAll || !Date.parse) {
    return;
  }
  var now = Date.now();

  function each(nodes, callback) {
    Array.prototype.forEach.call(nodes, callback);
  }

  function hasEnded(element) {
    var end = Date.parse(element.getAttribute("data-la-event-end"));
    return !isNaN(end) && end <= now;
  }

  function showList(list, visible) {
    var empty = list.nextElementSibling;
    list.hidden = !visible;
    if (empty && empty.hasAttribute("data-la-event-list-empty")) {
      empty.hidden = visible;
    }
  }

  // An item keeps its content; its title takes the heading level of the list it joins.
  function setHeadingLevel(item, level) {
    var heading = item.querySelector("h2, h3, h4, h5, h6");
    if (!heading || !level || heading.tagName === "H" + level) {
      return;
    }
    var replacement = document.createElement("h" + level);
    replacement.className = heading.className;
    while (heading.firstChild) {
      replacement.appendChild(heading.firstChild);
    }
    heading.parentNode.replaceChild(replacement, heading);
  }

  function newList(level) {
    var list = document.createElement("ul");
    list.className = "la-event-list";
    list.setAttribute("data-la-event-list", "");
    list.setAttribute("data-la-heading-level", level);
    return list;
  }

  function yearList(past, year) {
    var section = past.querySelector('[data-la-past-year="' + year + '"]');
    if (section) {
      return section.querySelector("[data-la-event-list]");
    }
    var headingLevel = past.getAttribute("data-la-year-heading-level") || "3";
    section = document.createElement("section");
    section.className = "la-calendar__year";
    section.setAttribute("data-la-past-year", year);
    section.setAttribute("aria-labelledby", "ar-" + year);
    var heading = document.createElement("h" + headingLevel);
    heading.id = "ar-" + year;
    heading.textContent = year;
    section.appendChild(heading);
    var list = newList(past.getAttribute("data-la-heading-level") || "4");
    section.appendChild(list);
    // Years run newest first.
    var later = null;
    each(past.querySelectorAll("[data-la-past-year]"), function (other) {
      if (!later && Number(other.getAttribute("data-la-past-year")) < Number(year)) {
        later = other;
      }
    });
    past.insertBefore(section, later);
    var empty = past.querySelector("[data-la-past-empty]");
    if (empty) {
      empty.hidden = true;
    }
    return list;
  }

  function pastList(past, item) {
    if (past.getAttribute("data-la-past") === "by-year") {
      return yearList(past, item.getAttribute("data-la-year"));
    }
    return past.querySelector("[data-la-event-list]");
  }

  function correct(region) {
    var upcoming = region.querySelector("[data-la-upcoming] [data-la-event-list]");
    var past = region.querySelector("[data-la-past]");
    if (!upcoming || !past) {
      return;
    }
    var ended = [];
    each(upcoming.querySelectorAll("[data-la-event-end]"), function (item) {
      if (hasEnded(item)) {
        ended.push(item);
      }
    });
    // Upcoming runs oldest first, past newest first: prepend in order.
    ended.forEach(function (item) {
      var target = pastList(past, item);
      setHeadingLevel(item, target.getAttribute("data-la-heading-level"));
      target.insertBefore(item, target.firstChild);
      showList(target, true);
      if (past.hasAttribute("data-la-show-when-filled")) {
        past.hidden = false;
      }
      var limit = Number(past.getAttribute("data-la-limit"));
      while (limit && target.children.length > limit) {
        target.removeChild(target.lastElementChild);
      }
    });
    if (ended.length && !upcoming.querySelector("[data-la-event-end]")) {
      showList(upcoming, false);
      var section = region.querySelector("[data-la-upcoming][data-la-hide-when-empty]");
      if (section) {
        section.hidden = true;
      }
    }
  }

  function insidePair(element) {
    for (var parent = element.parentNode; parent && parent.getAttribute; parent = parent.parentNode) {
      if (parent.hasAttribute("data-la-events")) {
        return true;
      }
    }
    return false;
  }

  // An upcoming list with no past list beside it (administration pages)
  // simply drops what has ended.
  function prune(region) {
    var list = region.querySelector("[data-la-event-list]");
    if (!list || insidePair(region)) {
      return;
    }
    var removed = 0;
    each(list.querySelectorAll("[data-la-event-end]"), function (item) {
      if (hasEnded(item)) {
        list.removeChild(item);
        removed += 1;
      }
    });
    if (removed && !list.querySelector("[data-la-event-end]")) {
      showList(list, false);
    }
  }

  each(document.querySelectorAll("[data-la-events]"), correct);
  each(document.querySelectorAll("[data-la-upcoming]"), prune);
  each(document.querySelectorAll("[data-la-ended-notice]"), function (notice) {
    if (hasEnded(notice)) {
      notice.hidden = false;
    }
  });
})();
