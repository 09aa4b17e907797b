// The privacy page's button: removes this site's offline copy (its service worker and its
// caches) from this device, and says what it removed.

import { removeOfflineCopy } from "./offline.mjs";

const button = document.getElementById("effacer-copie");
const status = document.getElementById("effacer-etat");
const megabytes = (bytes) => (bytes / 1e6).toFixed(1).replace(".", ",");

const counted = (count, one, many) => `${count} ${count < 2 ? one : many}`;

// aria-disabled rather than disabled while it works: the button keeps the keyboard's focus.
button.addEventListener("click", async () => {
  if (button.getAttribute("aria-disabled") === "true") return;     // already at work
  button.setAttribute("aria-disabled", "true");
  try {
    const { workers, files, bytes } = await removeOfflineCopy();
    status.textContent = files || workers
      ? `Copie hors ligne effacée de cet appareil : ${counted(files, "fichier", "fichiers")}, ${megabytes(bytes)} Mo.`
      : "Aucune copie hors ligne de ce site sur cet appareil.";
  } catch (error) {
    status.textContent = `La copie n'a pas pu être effacée (${error.message}) : effacez les données de ce site dans les réglages du navigateur.`;
  } finally {
    button.removeAttribute("aria-disabled");
  }
});
