"""A notes section as a tree of bullets, and what each bullet is.

Notes written the way ``data/notes/`` is: top-level bullets are the options (or one
bullet that sets the scene, with the options under it); nested bullets are the
reasons; a bullet that explains a term is a *definition*; a numbered list is a flow
of *steps*. Lines that continue a bullet (no marker) are joined to it.

>>> tree = parse_outline("- Use A.\\n  - A fits.\\n- B is a tool\\n")
>>> [(n.text, [c.text for c in n.children]) for n in tree]
[('Use A.', ['A fits.']), ('B is a tool', [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Node", "is_action", "is_context", "is_definition", "is_flow_heading", "parse_outline"]

_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+・•]|\d{1,3}[.)．])\s+(?P<text>.*\S)\s*$")


@dataclass
class Node:
    """One bullet: its text, 1-based line range (in the section's file), children."""

    text: str
    line: int
    end_line: int
    indent: int
    numbered: bool = False
    children: list[Node] = field(default_factory=list)

    def walk(self):
        """This node and every descendant, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()


def _width(indent: str) -> int:
    return len(indent.replace("\t", "    "))


def parse_outline(body: str, first_line: int = 1) -> list[Node]:
    """The bullets of ``body`` as a forest (``first_line``: line number of body's first line).

    A numbered item owns the plain bullets that follow it at the same indent (notes
    often write a flow's details unindented under ``1.``, ``2.``).

    >>> [n.text for n in parse_outline("1. Train\\n- push to ECR\\n2. Approve\\n")[0].children]
    ['push to ECR']
    """
    roots: list[Node] = []
    stack: list[Node] = []
    last: Node | None = None
    for k, raw in enumerate(body.splitlines()):
        lineno = first_line + k
        m = _ITEM.match(raw)
        if not m:
            if raw.strip() and last is not None and not raw.lstrip().startswith("#"):
                last.text = f"{last.text} {raw.strip()}" if not _cjk_join(last.text) else last.text + raw.strip()
                last.end_line = lineno
            elif raw.strip():
                last = None  # prose between lists: not part of a bullet
            continue
        node = Node(m.group("text").strip(), lineno, lineno, _width(m.group("indent")),
                    numbered=m.group("marker")[0].isdigit())
        while stack and stack[-1].indent >= node.indent and not (
                stack[-1].numbered and not node.numbered and stack[-1].indent == node.indent):
            stack.pop()
        if stack and stack[-1].numbered and not node.numbered and stack[-1].indent == node.indent:
            node.indent = stack[-1].indent + 1  # a flow's detail written unindented under its number
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        last = node
    return roots


def _cjk_join(text: str) -> bool:
    """Japanese text wraps without a space; Latin text with one."""
    return bool(text) and ord(text[-1]) > 0x2E80


# ---------------------------------------------------------------- what a bullet is

# A solution is written as something to do: an imperative (English) or a sentence
# ending in an action verb (Japanese, plain or polite form).
_ACTION_JA = re.compile(
    r"(?:使用|利用|使|設定|実行|置き換え|置換|作成|アタッチ|有効に|有効化|無効に|呼び出|構成|変更|デプロイ|導入|"
    r"追加|登録|適用|選択|起動|トリガー|プル|移行|調整|組み合わせ|採用|配置|統合|保存|格納|送信|取り込|変換|"
    r"監視|切り替え|指定|割り当て|スケール|ホスト|分割|暗号化|実装|構築|接続)"
    r"(?:する|します|し、|して|させる|させます|う|います|える|えます|る|ます)?(?:[。.．]|$)")
_ACTION_EN = re.compile(
    r"^(?:use|using|configure|set|run|deploy|enable|create|attach|replace|invoke|call|store|send|train|"
    r"build|choose|select|add|launch|turn on|apply|schedule|host|register|move|migrate|switch|implement|"
    r"encrypt|split|compile|tune|label|stream|ingest|query|load|write|put|install|connect|grant|trigger)\b",
    re.IGNORECASE)
_DEFINITION = re.compile(r"^(?:これは|それは|とは)|を指します|を指す|という意味|とは[、,]|のこと(?:です|を指す)|"
                         r"^(?:this|it) (?:refers to|means|is the|is a (?:phenomenon|situation|term))|"
                         r"\brefers to\b|\bis defined as\b", re.IGNORECASE)
_FLOW = re.compile(r"フロー|流れ|手順|ステップ|\bflow\b|\bsteps?\b|\bprocedure\b|\bworkflow steps\b", re.IGNORECASE)
_CONTEXT_END = re.compile(r"(?:場合|とき|時|ケース|上での\S*|での\S*|について|には)[:：]?$|"
                          r"^(?:when|if|for|scenario|case)\b|:$", re.IGNORECASE)


def is_action(text: str) -> bool:
    """Whether a bullet reads as something to do (an option), not a statement about it.

    >>> is_action("サーバーレス推論エンドポイントを使用します。"), is_action("DataSync は主にバッチ転送に適しています。")
    (True, False)
    >>> is_action("Use Serverless Inference with MaxConcurrency set to 1"), is_action("It is cheap.")
    (True, False)
    """
    t = text.strip()
    if _ACTION_EN.match(t):
        return True
    first = re.split(r"(?<=[。．])", t)[0]
    if re.search(r"(?:は|が)、?[^。]*(?:です|である|だ|ます|ません)[。．]?$", first) and "を" not in first:
        return False  # "X は … です": a statement about X
    return bool(_ACTION_JA.search(first) and "を" in first) or bool(
        re.search(r"を[^。]{0,40}(?:する|します)[。．]?$", first))


def is_definition(node: Node) -> bool:
    """A bullet that explains a term (its children start "これは…" / "refers to")."""
    if _DEFINITION.search(node.text):
        return True
    return bool(node.children) and not is_action(node.text) and _DEFINITION.search(node.children[0].text) is not None


def is_flow_heading(node: Node) -> bool:
    """A bullet such as 「具体的なフロー」 that introduces numbered steps."""
    return len(node.text) <= 40 and bool(_FLOW.search(node.text)) and not is_action(node.text)


def is_context(node: Node) -> bool:
    """A bullet that sets the scene, with the options under it (「… 上でのデプロイ」, 「… する場合」)."""
    if is_action(node.text) or not node.children:
        return False
    if _CONTEXT_END.search(node.text.rstrip("。.")):
        return any(is_action(c.text) for c in node.children)
    return len(node.text) <= 40 and sum(is_action(c.text) for c in node.children) >= 2
