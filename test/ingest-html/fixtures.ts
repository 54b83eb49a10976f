/** Small HTML pages written for these tests (invented news text). */

export const ARTICLE_PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour talks resume in Valdoria | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:title" content="Harbour talks resume in Valdoria | The Northern Ledger">
<meta name="author" content="By Mara Ellison">
<link rel="canonical" href="https://ledger.example.com/world/2024/03/18/harbour-talks">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour talks resume in Valdoria","datePublished":"2024-03-18T09:30:00Z","author":[{"@type":"Person","name":"Mara Ellison"},{"@type":"Person","name":"Tomas Rey"}],"publisher":{"@type":"Organization","name":"The Northern Ledger"}}</script>
<script>var tracking = "<p>not text</p>";</script>
<style>.x { color: red }</style>
</head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main>
<article class="article-body">
<h1>Harbour talks resume in Valdoria</h1>
<div class="byline">By Mara Ellison and Tomas Rey</div>
<p>Negotiators from Valdoria and the Eastern Union returned to the table on Monday, three weeks after talks over the disputed harbour collapsed amid accusations of bad faith.</p>
<p>The foreign minister, Ilse Varga, said the delegations had agreed to meet daily until the end of the month. "We have lost enough time," she told reporters outside the conference hall.</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p>Diplomats familiar with the talks said the main obstacle remained the question of who would control the customs posts on the northern pier.</p>
<ul>
<li>Customs posts on the northern pier</li>
<li>Fishing quotas in the bay</li>
</ul>
<p>The next round is expected to open in the capital on April 2, according to a statement from the mediator's office.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Bay fishing quotas cut again</a></li><li><a href="/b">Minister visits the pier</a></li></ul></aside>
</main>
<div id="comments" class="comments"><p>Great article, thanks for sharing this with all of us here today!</p></div>
<footer><p>© 2024 The Northern Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>`;
