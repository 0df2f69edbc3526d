"""UI strings in Japanese and English (data labels come from the graph itself).

>>> t("nav.explore", "ja"), t("nav.explore", "en")
('探索', 'Explore')
>>> t("explore.more", "en", n=3, cap=150)
'3 more neighbours not shown (node cap 150).'
>>> missing = [k for k, v in TEXT.items() if set(v) != {"ja", "en"}]
>>> missing
[]
"""

from __future__ import annotations

__all__ = ["LANGS", "LANG_NAMES", "TEXT", "t"]

LANGS = ("ja", "en")
LANG_NAMES = {"ja": "日本語", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    # -- app frame
    "app.title": {"en": "AWS ML knowledge graph", "ja": "AWS ML ナレッジグラフ"},
    "app.tagline": {"en": "MLA-C01 study notes and sourced AWS facts as one graph.",
                    "ja": "MLA-C01 の学習ノートと出典付き AWS 情報を 1 つのグラフに。"},
    "app.language": {"en": "Language", "ja": "言語"},
    "app.store": {"en": "Knowledge base: {triples:,} triples · {kind}",
                  "ja": "ナレッジベース: {triples:,} トリプル · {kind}"},
    "app.load_error": {"en": "The knowledge base could not be loaded: {error}",
                       "ja": "ナレッジベースを読み込めませんでした: {error}"},
    "nav.explore": {"en": "Explore", "ja": "探索"},
    "nav.fit": {"en": "Fit", "ja": "適合"},
    "nav.compare": {"en": "Compare", "ja": "比較"},
    "nav.drill": {"en": "Drill", "ja": "演習"},
    "nav.sparql": {"en": "SPARQL", "ja": "SPARQL"},
    "nav.home": {"en": "Map", "ja": "マップ"},
    "home.title": {"en": "What the graph covers", "ja": "このグラフでわかること"},
    "home.how": {"en": "**How to study with this:** ask **Fit** which option fits a scenario and read why the others "
                       "do not; confirm in **Compare**; test yourself in **Drill**. Every statement shows whether it "
                       "comes from your notes or a dated AWS page.",
                 "ja": "**使い方:** **適合** でシナリオに合う選択肢と、他が合わない理由を確かめ、**比較** で違いを確認し、"
                       "**ドリル** で自分を試す。すべての記述に、ノート由来か日付付きの AWS ドキュメント由来かが示される。"},
    "home.start_nightly": {"en": "Nightly inference, under a minute, cheapest →",
                           "ja": "毎晩 1 回・1 分以内・低コストの推論 →"},
    "home.start_bias": {"en": "Bias drift of a deployed model →", "ja": "デプロイ済みモデルのバイアスドリフト →"},
    "home.start_emr": {"en": "EMR on Spot without losing data →", "ja": "データを失わずに EMR をスポットで →"},
    "home.start_compare": {"en": "Compare the inference options →", "ja": "推論の選択肢を比較 →"},
    "home.start_drill": {"en": "Drill a scenario →", "ja": "シナリオでドリル →"},
    "home.start_explore": {"en": "Explore Serverless Inference →", "ja": "サーバーレス推論を探索 →"},
    "home.map": {"en": "Topics and their capabilities", "ja": "トピックと機能"},
    "home.map_hint": {"en": "Each topic groups the capabilities and services the graph assesses for it; "
                            "drag to move, scroll to zoom.",
                      "ja": "各トピックに、グラフが評価している機能とサービスをまとめている。ドラッグで移動、スクロールで拡大。"},
    "nav.sources": {"en": "Sources", "ja": "出典"},
    "common.invalid": {"en": "Not a value the API accepts: {setting}",
                       "ja": "API が受け付けない値: {setting}"},
    "common.sources": {"en": "Sources", "ja": "出典"},
    "common.open_in_explore": {"en": "Open in Explore", "ja": "探索で開く"},
    "common.correction": {"en": "Correction", "ja": "訂正"},
    "common.note_says": {"en": "The note says", "ja": "ノートの記述"},
    "common.sources_say": {"en": "The sources say", "ja": "出典の記述"},
    "common.no_results": {"en": "Nothing found.", "ja": "見つかりませんでした。"},
    "common.did_you_mean": {"en": "Did you mean: {names}", "ja": "候補: {names}"},
    "common.download_csv": {"en": "Download CSV", "ja": "CSV をダウンロード"},
    "common.download_md": {"en": "Download Markdown", "ja": "Markdown をダウンロード"},
    "common.graph_hint": {"en": "Drag to pan, scroll to zoom, hover a node or edge for details.",
                          "ja": "ドラッグで移動、スクロールで拡大縮小、ノードや辺にカーソルを当てると詳細を表示します。"},
    "common.other": {"en": "other", "ja": "その他"},
    "common.legend": {"en": "Legend", "ja": "凡例"},
    "verdict.fits": {"en": "fits", "ja": "適合"},
    "verdict.partial": {"en": "partial", "ja": "部分的"},
    "verdict.does-not-fit": {"en": "does not fit", "ja": "不適合"},
    # -- explore
    "explore.title": {"en": "Explore the graph", "ja": "グラフを探索"},
    "explore.search": {"en": "Search an entity (日本語 or English)", "ja": "エンティティを検索（日本語・英語）"},
    "explore.search_help": {"en": "Labels and synonyms in both languages; typos are tolerated.",
                            "ja": "日本語・英語の名前と別名で検索します。多少の表記ゆれも許容します。"},
    "explore.pick": {"en": "Focused entity", "ja": "中心のエンティティ"},
    "explore.hops": {"en": "Hops", "ja": "ホップ数"},
    "explore.classes": {"en": "Show only classes", "ja": "表示するクラス"},
    "explore.predicates": {"en": "Show only relations", "ja": "表示する関係"},
    "explore.statements": {"en": "Draw facts and values", "ja": "事実・比較値も描く"},
    "explore.cap": {"en": "Node cap", "ja": "ノード上限"},
    "explore.all": {"en": "all", "ja": "すべて"},
    "explore.more": {"en": "{n} more neighbours not shown (node cap {cap}).",
                     "ja": "ほかに {n} 件の隣接ノードがあります（上限 {cap} のため非表示）。"},
    "explore.more_detail": {"en": "Where the hidden neighbours are", "ja": "非表示の隣接ノードの内訳"},
    "explore.more_row": {"en": "{label}: {n} more", "ja": "{label}: ほか {n} 件"},
    "explore.counts": {"en": "{nodes} nodes · {edges} relations", "ja": "ノード {nodes} · 関係 {edges}"},
    "explore.start": {"en": "Type a name above, e.g. “serverless”, “毎晩” or “Model Monitor”.",
                      "ja": "上に名前を入力してください（例:「サーバーレス」「nightly」「Model Monitor」）。"},
    "explore.details": {"en": "Details", "ja": "詳細"},
    "explore.type": {"en": "Class", "ja": "クラス"},
    "explore.also": {"en": "Also called", "ja": "別名"},
    "explore.facts": {"en": "Facts and constraints", "ja": "事実と制約"},
    "explore.assessments": {"en": "Assessments", "ja": "評価"},
    "explore.more_assessments": {"en": "Showing {shown} of {total} assessments (fits first).",
                                 "ja": "評価 {total} 件のうち {shown} 件を表示（適合が先）。"},
    "explore.corrections": {"en": "Corrections", "ja": "訂正"},
    "explore.links": {"en": "Relations", "ja": "関係"},
    "explore.values": {"en": "Values", "ja": "値"},
    "explore.note_text": {"en": "Note text (§{n}, lines {a}–{b})", "ja": "ノート本文（§{n}、{a}–{b} 行）"},
    "explore.go": {"en": "Go to a neighbour", "ja": "隣のノードへ移動"},
    "explore.path": {"en": "Path finder", "ja": "経路検索"},
    "explore.path_to": {"en": "Path from the focused entity to …", "ja": "中心のエンティティからの経路の終点"},
    "explore.path_none": {"en": "No path found: {error}", "ja": "経路が見つかりません: {error}"},
    "explore.path_steps": {"en": "The path, step by step", "ja": "経路（1 ステップずつ）"},
    "explore.path_clear": {"en": "Clear the path", "ja": "経路を消去"},
    "explore.nothing": {"en": "No entity matches “{q}”.", "ja": "「{q}」に一致するエンティティはありません。"},
    # -- fit
    "fit.title": {"en": "Which option fits?", "ja": "どれが要件に合うか"},
    "fit.query": {"en": "Describe what you need (日本語 or English)",
                  "ja": "要件を書いてください（日本語・英語）"},
    "fit.facets": {"en": "Add requirements", "ja": "要件を追加"},
    "fit.facets_hint": {"en": "e.g. GPU, no data loss …", "ja": "例: GPU、データ損失なし …"},
    "fit.examples": {"en": "Try:", "ja": "例:"},
    "fit.try": {"en": "Known requirements close to your words: {names}",
                "ja": "近い既知の要件: {names}"},
    "fit.why_not": {"en": "Why the others do not fit", "ja": "他の選択肢が合わない理由"},
    "fit.not_assessed": {"en": "not assessed for this requirement", "ja": "この要件では未評価"},
    "fit.graph": {"en": "Requirements → answers", "ja": "要件 → 回答"},
    "fit.graph_hint": {"en": "Green: fits · amber: partly · red: does not fit.",
                       "ja": "緑: 適合 · 橙: 部分的 · 赤: 不適合"},
    # -- drill
    "drill.title": {"en": "Drill the scenarios", "ja": "シナリオ演習"},
    "drill.none": {"en": "The knowledge base has no scenarios.", "ja": "シナリオがありません。"},
    "drill.scenario": {"en": "Scenario", "ja": "シナリオ"},
    "drill.note_answer": {"en": "The notes' answer was {letter}. {label}; the documented answer is {right} — {why}",
                          "ja": "ノートの答えは {letter}. {label} でした。ドキュメントに基づく答えは {right} です — {why}"},
    "drill.random": {"en": "Any scenario (random)", "ja": "ランダムに出題"},
    "drill.new": {"en": "New question", "ja": "次の問題"},
    "drill.score": {"en": "Score this session", "ja": "このセッションの得点"},
    "drill.requirements": {"en": "Requirements", "ja": "要件"},
    "drill.choose": {"en": "Your answer", "ja": "解答"},
    "drill.check": {"en": "Check the answer", "ja": "答え合わせ"},
    "drill.right": {"en": "Correct: {letter}. {label}", "ja": "正解です: {letter}. {label}"},
    "drill.wrong": {"en": "Not quite. The answer is {letter}. {label}",
                    "ja": "不正解です。正解は {letter}. {label}"},
    "drill.answer": {"en": "answer", "ja": "正解"},
    "drill.path": {"en": "Why: requirements ← options", "ja": "理由: 要件 ← 選択肢"},
    "drill.path_hint": {"en": "The answer's path to each requirement is highlighted.",
                        "ja": "正解から各要件への経路を強調表示しています。"},
    # -- compare
    "compare.title": {"en": "Compare confusable options", "ja": "紛らわしい選択肢を比較"},
    "compare.group": {"en": "Comparison", "ja": "比較"},
    "compare.custom": {"en": "My own selection…", "ja": "自分で選ぶ…"},
    "compare.items": {"en": "Options to compare", "ja": "比較する選択肢"},
    "compare.items_hint": {"en": "Pick two or more services, capabilities or solutions.",
                           "ja": "サービス・機能・ソリューションを 2 つ以上選んでください。"},
    "compare.diff": {"en": "Only differences", "ja": "違いのみ"},
    "compare.option": {"en": "Option", "ja": "選択肢"},
    "compare.empty": {"en": "The graph has no comparison values for this selection.",
                      "ja": "この選択肢には比較値がありません。"},
    "compare.dropped": {"en": "Same for all, not shown: {dims}", "ja": "すべて同じため非表示: {dims}"},
    # -- SPARQL
    "sparql.title": {"en": "SPARQL console (read-only)", "ja": "SPARQL コンソール（読み取り専用）"},
    "sparql.intro": {"en": "SELECT, ASK, CONSTRUCT and DESCRIBE only; "
                           "at most {rows:,} rows and {secs:g} s.",
                     "ja": "SELECT・ASK・CONSTRUCT・DESCRIBE のみ。最大 {rows:,} 行・{secs:g} 秒。"},
    "sparql.example": {"en": "Example query", "ja": "クエリ例"},
    "sparql.pick": {"en": "Choose an example…", "ja": "例を選ぶ…"},
    "sparql.query": {"en": "Query", "ja": "クエリ"},
    "sparql.run": {"en": "Run", "ja": "実行"},
    "sparql.from_link": {"en": "This query came with the link. Read it, then press Run to run it.",
                         "ja": "このクエリはリンクから読み込まれました。内容を確認してから「実行」を押してください。"},
    "sparql.rows": {"en": "{n:,} rows in {ms:.0f} ms", "ja": "{n:,} 行（{ms:.0f} ms）"},
    "sparql.truncated": {"en": "Only the first {n:,} rows are shown.",
                         "ja": "最初の {n:,} 行のみ表示しています。"},
    "sparql.ask": {"en": "ASK → {answer}", "ja": "ASK → {answer}"},
    "sparql.triples": {"en": "{n:,} triples", "ja": "{n:,} トリプル"},
    "sparql.download_ttl": {"en": "Download Turtle", "ja": "Turtle をダウンロード"},
    "sparql.error": {"en": "Query error: {error}", "ja": "クエリエラー: {error}"},
    # -- sources
    "sources.title": {"en": "Sources: the notes and the corrections", "ja": "出典: ノートと訂正"},
    "sources.section": {"en": "Note section", "ja": "ノートの節"},
    "sources.lines": {"en": "{file}, lines {a}–{b}", "ja": "{file}、{a}–{b} 行"},
    "sources.text": {"en": "Text of the section (verbatim)", "ja": "節の本文（原文のまま）"},
    "sources.derived": {"en": "Derived from this section", "ja": "この節から導かれたもの"},
    "sources.assessments": {"en": "Assessments from this section", "ja": "この節の評価"},
    "sources.count": {"en": "{n} (see Compare)", "ja": "{n} 件（比較ページ）"},
    "sources.more_documents": {"en": "Showing {shown} of {total} documents.",
                               "ja": "文書 {total} 件のうち {shown} 件を表示。"},
    "common.more": {"en": "… and {n} more", "ja": "… 他 {n} 件"},
    "sources.none": {"en": "Nothing in the graph cites this section yet.",
                     "ja": "この節を出典とするものはまだグラフにありません。"},
    "sources.corrections": {"en": "Corrections: where the notes disagree with AWS documentation",
                            "ja": "訂正: ノートと AWS ドキュメントが食い違う箇所"},
    "sources.no_corrections": {"en": "No corrections in the graph.", "ja": "訂正はありません。"},
    "sources.no_sections": {"en": "The knowledge base has no note sections.",
                            "ja": "ナレッジベースにノートの節がありません。"},
    "sources.documents": {"en": "Cited documents", "ja": "引用した文書"},
    "sources.checked": {"en": "checked {date}", "ja": "{date} 確認"},
    "sources.corrects": {"en": "Corrects", "ja": "訂正対象"},
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The UI string ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text
