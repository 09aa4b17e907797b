// /cal/ in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (Firefox's own
// remote protocol: no geckodriver needed). Run by tests/test_other_browsers.py, which
// judges the result.
// Usage: node firefox_smoke.mjs <firefox> <site URL> <query> <field> <new value>
// Prints {totals, changedTotals, address, chart, qr, prefetch, proposal, errors} as JSON.
import puppeteer from "puppeteer-core";

const [executablePath, site, query, field, value] = process.argv.slice(2);
const BOOT_MS = 120_000;     // Pyodide's first start in a fresh profile on a shared CI machine

const totals = (page) => page.$$eval("output[id^=total-]", (outputs) =>
  Object.fromEntries(outputs.map((output) => [output.id, output.dataset.value])));

const browser = await puppeteer.launch({
  browser: "firefox", executablePath, headless: true, protocol: "webDriverBiDi",
  extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false, "datareporting.policy.dataSubmissionEnabled": false },
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${site}/cal/?${query}`);
  await page.waitForSelector('html[data-calcul="pret"]', { timeout: BOOT_MS });
  const first = await totals(page);
  // Typed as a visitor does: select the field's text, type over it.
  await page.click(`#champ-${field}`, { count: 3 });
  await page.keyboard.type(value);
  await page.waitForFunction((name, typed) => location.search.includes(`${name}=${typed}`)
    && document.documentElement.dataset.calcul === "pret", { timeout: 10_000 }, field, value);
  const changed = await totals(page);
  const chart = await page.waitForFunction((typed) => {
    const description = document.querySelector("#graphique-postes desc");
    return description && description.textContent.includes(`Pour ${typed} postes`) && description.textContent;
  }, { timeout: 10_000 }, value).then((handle) => handle.jsonValue());
  const qr = await page.waitForSelector("#qr", { timeout: 30_000 }).then((image) => image.evaluate((img) => img.src));
  const address = await page.evaluate(() => location.href);
  // The proposal of level 2, from its card: its address, its monthly total, its QR code.
  const proposal = await page.evaluate(() => ({ estimate: document.getElementById("total-ht-2").textContent }));
  await page.click("#niveau-2 [data-proposition-niveau]:not([data-demander])");
  await page.waitForSelector('html[data-proposition="prete"]', { timeout: 30_000 });
  Object.assign(proposal, await page.evaluate(() => ({ total: document.getElementById("proposition-total-ht").textContent,
    path: location.pathname, qr: document.getElementById("proposition-qr").src.slice(0, 26) })));
  // Firefox says nothing of the connection (no navigator.connection): the comparison must not prefetch.
  await page.goto(`${site}/prestations/`);
  const prefetch = await page.waitForSelector("html[data-prechauffage]", { timeout: 30_000 })
    .then((root) => root.evaluate((element) => element.dataset.prechauffage));
  console.log(JSON.stringify({ totals: first, changedTotals: changed, address, chart, qr: qr.slice(0, 26), prefetch, proposal, errors }));
} finally {
  await browser.close();
}
