// A "use durable" module: every async function is a durable helper that runs
// on its caller's tree; helpers hold each other's promises, iterate Maps
// across durable calls, and use ordinary awaits for local work.
"use durable";
import * as dispatch from "dispatch-ts";
import { readFile } from "node:fs/promises";

export const fetchPage = dispatch.function(async function fetchPage(url: string) {
  const res = await fetch(url);
  const text = await res.text();
  return { url, length: text.length, title: /<title>(.*?)<\/title>/.exec(text)?.[1] ?? "" };
});

export async function crawl(urls: string[]) {
  const pages = new Map<string, { length: number; title: string }>();
  for (const url of urls) {
    const page = await fetchPage(url);
    pages.set(url, { length: page.length, title: page.title });
  }
  return pages;
}

export async function summarize(pages: Map<string, { length: number; title: string }>) {
  let longest = "";
  let max = -1;
  for (const [url, page] of pages) {
    if (page.length > max) {
      max = page.length;
      longest = url;
    }
    await dispatch.sleep(10);
  }
  return { longest, max };
}

export async function loadConfig(path: string): Promise<{ urls: string[] }> {
  const text = await readFile(path, "utf8");
  return JSON.parse(text) as { urls: string[] };
}

export const report = dispatch.function(async function report(configPath: string) {
  const config = await loadConfig(configPath);
  const crawling = crawl(config.urls);
  const first = await fetchPage(config.urls[0]!);
  const pages = await crawling;
  const summary = await summarize(pages);
  const fast = await Promise.all([fetchPage("https://a.example"), crawl(["https://b.example"])]);
  const settled = await Promise.allSettled(config.urls.map((u) => fetchPage(u)));
  return { first: first.title, summary, fast: fast.length, ok: settled.filter((s) => s.status === "fulfilled").length };
});
