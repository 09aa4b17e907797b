// The privacy page's button: removes this site's offline copy (its service worker and its
// caches) from this device, and says what it removed.
const root = document.documentElement;
const button = document.getElementById("effacer-copie");
const status = document.getElementById("effacer-etat");
const megabytes = (bytes) => (bytes / 1e6).toFixed(1).replace(".", ",");

async function cachedBytes(cache) {
  let total = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    if (response) total += (await response.clone().arrayBuffer()).byteLength;
  }
  return total;
}

async function removeOfflineCopy() {
  const scope = new URL(root.dataset.base, location.href).href;
  let workers = 0;
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope.startsWith(scope) && (await registration.unregister())) workers += 1;
    }
  }
  let files = 0;
  let bytes = 0;
  if ("caches" in self) {
    for (const name of await caches.keys()) {
      if (!name.startsWith("prisme-")) continue;
      const cache = await caches.open(name);
      // The worker's own markers ("__moteur-copie__") are not files of the site.
      files += (await cache.keys()).filter((request) => !new URL(request.url).pathname.includes("__")).length;
      bytes += await cachedBytes(cache);
      await caches.delete(name);
    }
  }
  return { workers, files, bytes };
}

const counted = (count, one, many) => `${count} ${count < 2 ? one : many}`;
let removing = false;

// aria-disabled rather than disabled while it works: the button keeps the keyboard's focus.
button.addEventListener("click", async () => {
  if (removing) return;
  removing = true;
  button.setAttribute("aria-disabled", "true");
  try {
    const { workers, files, bytes } = await removeOfflineCopy();
    status.textContent = files || workers
      ? `Copie hors ligne effacée de cet appareil : ${counted(files, "fichier", "fichiers")}, ${megabytes(bytes)} Mo.`
      : "Aucune copie hors ligne de ce site sur cet appareil.";
  } catch (error) {
    status.textContent = `La copie n'a pas pu être effacée (${error.message}) : effacez les données de ce site dans les réglages du navigateur.`;
  } finally {
    removing = false;
    button.removeAttribute("aria-disabled");
  }
});
