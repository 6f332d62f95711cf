// The strings Decap's Swedish locale (decap-cms-locales 'sv') lacks, so
// that an editor meets no English. tests/cms/test_locale.py checks that
// with these every English string of the pinned Decap has a Swedish one.
export const SV_GAPS = {
  auth: { loginWithForgejo: "Logga in med Forgejo" },
  collection: {
    // A plain "+": Decap's full-width "＋" is missing from many fonts.
    collectionTop: { viewAsList: "Visa som lista", viewAsGrid: "Visa som rutnät", newButton: "+ %{collectionLabel}" },
    entries: { unpublishedHeader: "Opublicerade sidor" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "fältet %{widgetLabel}" } },
    editorControlPane: {
      i18n: {
        copyFromLocale: "Fyll i från ett annat språk",
        copyFromLocaleConfirm: "Vill du fylla i från språket %{locale}?\nAllt som står i fälten nu skrivs över.",
      },
    },
    editorInterface: { toggleNotes: "Visa eller dölj kommentarer" },
    editorNotesPane: {
      title: "Kommentarer",
      emptyState: "Inga kommentarer än. Skriv den första nedan.",
      addNote: "Lägg till kommentar",
      addPlaceholder: "Skriv en kommentar …",
      editPlaceholder: "Ändra kommentaren …",
      save: "Spara",
      cancel: "Avbryt",
      edit: "Ändra",
      delete: "Ta bort",
      resolve: "Markera som klar",
      unresolve: "Öppna igen",
      confirmDelete: "Vill du ta bort kommentaren?",
      shortcut: "Tips: Ctrl+Enter lägger till kommentaren",
    },
    editorToolbar: {
      statusInfoTooltipDraft: "Sidan är ett utkast. Sätt status till ”Granskas” när den är klar att granskas.",
      statusInfoTooltipInReview: "Sidan granskas, du behöver inte göra något. Du kan fortfarande ändra den under tiden.",
    },
    editorWidgets: {
      markdown: {
        richText: "Formaterad text",
        markdown: "Markdown",
        strikethrough: "Genomstruken",
        toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" },
      },
      image: { chooseMultiple: "Välj bilder", addMore: "Lägg till fler bilder", removeAll: "Ta bort alla bilder" },
      file: { chooseMultiple: "Välj filer", addMore: "Lägg till fler filer", removeAll: "Ta bort alla filer" },
      datetime: { setToNow: "Sätt %{fieldLabel} till nu" },
      list: { add: "Lägg till %{item}", addType: "Lägg till %{item}" },
      object: { expand: "Visa", collapse: "Dölj" },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: "Stäng" } },
  ui: {
    settingsDropdown: { account: "Kontoinställningar" },
    toast: {
      noteAdded: "Kommentaren är tillagd",
      onFailToAddNote: "Kommentaren kunde inte läggas till: %{details}",
      noteUpdated: "Kommentaren är ändrad",
      onFailToUpdateNote: "Kommentaren kunde inte ändras: %{details}",
      noteDeleted: "Kommentaren är borttagen",
      onFailToDeleteNote: "Kommentaren kunde inte tas bort: %{details}",
      noteResolved: "Kommentaren är markerad som klar",
      noteReopened: "Kommentaren är öppnad igen",
      onFailToToggleNote: "Kommentaren kunde inte ändras: %{details}",
    },
  },
};

export function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === "object" ? merged(base?.[key] ?? {}, value) : value;
  }
  return result;
}
