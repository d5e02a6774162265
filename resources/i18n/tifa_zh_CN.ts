<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlignmentModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="474"/>
        <source> (the %1 most distinctive shown)</source>
        <translation>（列出其中最有特色的 %1 处）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="476"/>
        <source>Shared passages: %1 — click one to go to it</source>
        <translation>共有文段：%1——点击即可跳转</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="485"/>
        <source>Only in some documents: %1 paragraphs in %2 documents (%3)</source>
        <translation>仅见于部分文档：%2 份文档共 %1 段（%3）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="492"/>
        <source>Only in %s: 1 paragraph</source>
        <translation>仅见于 %s：1 段</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="493"/>
        <source>Only in %s: %d paragraphs</source>
        <translation>仅见于 %s：%d 段</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="797"/>
        <source>Click, or press Space, to fold or unfold</source>
        <translation>点击或按空格键折叠/展开</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="800"/>
        <source>Shared passage: click to go to it</source>
        <translation>共有文段：点击跳转到原文</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="820"/>
        <source>No counterpart in this document</source>
        <translation>此文档中没有对应段落</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="822"/>
        <source>Moved: out of the pivot document&apos;s order</source>
        <translation>已移动：不在基准文档的顺序中</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="824"/>
        <source>Not aligned with the other cells of this row</source>
        <translation>与本行其他单元格未对齐</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="848"/>
        <source>Only in one of the documents shown: no counterpart</source>
        <translation>仅见于所显示文件之一：无对应段落</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="850"/>
        <source>Not aligned: paragraphs without a counterpart, shown side by side in each document&apos;s order</source>
        <translation>未对齐：没有对应段落的段落，按各文档原顺序并排显示</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/alignment.py" line="869"/>
        <source>Pivot: the rows follow this document&apos;s order.</source>
        <translation>基准文档：各行按此文档的顺序排列。</translation>
    </message>
</context>
<context>
    <name>CellDelegate</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/cell_delegate.py" line="322"/>
        <source>A character the reader could not decode (corrupted in the source file)</source>
        <translation>无法解码的字符（源文件中已损坏）</translation>
    </message>
</context>
<context>
    <name>ColourBar</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="223"/>
        <source>Colours:</source>
        <translation>着色：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="231"/>
        <source>What the side-by-side view colours (also View › Colours)</source>
        <translation>对照视图给什么着色（也可在 视图 › 着色 中选择）</translation>
    </message>
</context>
<context>
    <name>CorpusTab</name>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="357"/>
        <source>Open corpus…</source>
        <translation>打开语料库…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="358"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="359"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="360"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="362"/>
        <source>A phrase in simplified or traditional script, e.g. 两个确立</source>
        <translation>简体或繁体的短语，如 两个确立</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="363"/>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="374"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="365"/>
        <source>Phrases separated by ; e.g. 两个确立; 共同富裕</source>
        <translation>多个短语用 ; 分隔，如 两个确立; 共同富裕</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="366"/>
        <source>by</source>
        <translation>按</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="367"/>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="367"/>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="367"/>
        <source>year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="369"/>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="373"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="370"/>
        <source>Formulations first used after</source>
        <translation>首次使用晚于此日期的提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="375"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="376"/>
        <source>New formulations</source>
        <translation>新提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="377"/>
        <source>Echoes</source>
        <translation>呼应</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="378"/>
        <source>Matches</source>
        <translation>匹配数</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="379"/>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="380"/>
        <source>Occurrences</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="381"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="391"/>
        <source>Select one document in the search results and press Echoes.</source>
        <translation>在搜索结果中选择一篇文档，然后点击“呼应”。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="400"/>
        <source>Corpus: %s</source>
        <translation>语料库：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="405"/>
        <source>%1 (%2), %3 – %4; %5 on disk; schema version %6</source>
        <translation>%1（%2），%3 – %4；占用磁盘 %5；结构版本 %6</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="554"/>
        <source> (%n of those added or changed are copies of files already stored)</source>
        <translation>
            <numerusform>（新增与更新的文件中有 %n 个是已存文件的副本）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="589"/>
        <source>%n document(s) contain(s) “%1”</source>
        <translation>
            <numerusform>%n 篇文档含有“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="621"/>
        <source>%1: used only in %n undated document(s)</source>
        <translation>
            <numerusform>%1：仅见于 %n 篇无日期的文档</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="625"/>
        <source>%1: first used %2, last %3; %4%6, %5</source>
        <translation>%1：首次使用 %2，最近 %3；%4%6，%5</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="650"/>
        <source>%1: %n document(s)</source>
        <translation>
            <numerusform>%1：%n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="682"/>
        <source>First used in %n document(s) on %1</source>
        <translation>
            <numerusform>%1 首次出现于 %n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="700"/>
        <source>(and %n near-duplicate(s)) </source>
        <translation>
            <numerusform>（另有 %n 篇近乎相同的转载）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="705"/>
        <source>%n document(s) share(s) passages with “%1” (%2)</source>
        <translation>
            <numerusform>%n 篇文档与“%1”（%2）有共同段落</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="431"/>
        <source>No corpus there yet: add files or a folder to create it.</source>
        <translation>此处尚无语料库：添加文件或文件夹即可创建。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="443"/>
        <source>Something went wrong: %s</source>
        <translation>出错了：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="454"/>
        <source>Open corpus</source>
        <translation>打开语料库</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="455"/>
        <source>Tifa corpus (*.sqlite);;All files (*)</source>
        <translation>Tifa 语料库 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="504"/>
        <source>Add files to the corpus</source>
        <translation>向语料库添加文件</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="505"/>
        <source>Documents (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;All files (*)</source>
        <translation>文档 (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="511"/>
        <source>Add a folder to the corpus</source>
        <translation>向语料库添加文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="522"/>
        <source>Adding…</source>
        <translation>正在添加…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="528"/>
        <source>%1 of %2 files</source>
        <translation>%1 / %2 个文件</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="546"/>
        <source>Stopped; what was stored is kept.</source>
        <translation>已停止；已存入的内容会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="550"/>
        <source>%1 added, %2 changed, %3 already there, %4 failed</source>
        <translation>新增 %1，更新 %2，已存在 %3，失败 %4</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="616"/>
        <source> (and %1 undated)</source>
        <translation>（另有 %1 篇无日期）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="619"/>
        <source>%s: not used in this corpus</source>
        <translation>%s：本语料库中未使用</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="693"/>
        <source>Looking for echoes…</source>
        <translation>正在查找呼应…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="715"/>
        <source>Preparing echoes: %1 of %2 documents</source>
        <translation>正在准备呼应：%1 / %2 篇文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="723"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="19"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 篇文档</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="22"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="25"/>
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>出现 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="122"/>
        <source>Click a paragraph to see its word-level differences from its counterparts in the other documents.</source>
        <translation>点击一个段落，查看它与其他文档中对应段落的逐词差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="162"/>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="232"/>
        <source>paragraph %s</source>
        <translation>第 %s 段</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="180"/>
        <source>no counterpart (weaker sentence echoes not shown: %n, below %1)</source>
        <translation>
            <numerusform>无对应（较弱的呼应句未显示：%n 句，低于 %1）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="182"/>
        <source>no counterpart</source>
        <translation>无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="197"/>
        <source>no corresponding paragraph; sentences that echo it (score; shared wording marked):</source>
        <translation>没有对应段落；与之呼应的句子（得分；相同措辞已标出）：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="201"/>
        <source>weaker echoes not shown: %n, below %1 (see Settings)</source>
        <translation>
            <numerusform>较弱的呼应句未显示：%n 句，低于 %1（见“设置”）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="227"/>
        <source>An empty cell: this document has no paragraph here.</source>
        <translation>空单元格：此文档在这里没有段落。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="242"/>
        <source>no corresponding paragraph; looking for sentences that echo it…</source>
        <translation>没有对应段落；正在查找与之呼应的句子…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="245"/>
        <source>comparing these two documents…</source>
        <translation>正在比较这两篇文档…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="248"/>
        <source>only in this document</source>
        <translation>仅本文档有</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="249"/>
        <source>only in the other</source>
        <translation>仅另一文档有</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="62"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="62"/>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="180"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="62"/>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="181"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="62"/>
        <source>Script</source>
        <translation>字形</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="63"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="63"/>
        <source>Paragraphs</source>
        <translation>段落数</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="63"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="159"/>
        <source>No warnings</source>
        <translation>无警告</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="168"/>
        <source>(paragraphs %s)</source>
        <translation>（第 %s 段）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="173"/>
        <source>Pivot: the other documents are aligned to this one.</source>
        <translation>基准文档：其他文档都与它对齐。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="182"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="183"/>
        <source>Editor</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/documents.py" line="184"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
</context>
<context>
    <name>DocumentTable</name>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="133"/>
        <source>Compare side by side</source>
        <translation>并排对比</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="134"/>
        <source>Open the selected documents (two or more) in the comparison</source>
        <translation>在对比中打开所选文档（两篇或以上）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="137"/>
        <source>Echoes</source>
        <translation>呼应</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="138"/>
        <source>Documents that share passages with the selected one</source>
        <translation>与所选文档有共同段落的文档</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="89"/>
        <source>(+%n copies)</source>
        <translation>
            <numerusform>（另有 %n 份副本）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="103"/>
        <source>The same text is also stored as:</source>
        <translation>同一文本也存于：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="111"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="111"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="111"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="112"/>
        <source>Matches</source>
        <translation>匹配数</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="112"/>
        <source>Snippet</source>
        <translation>摘录</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="86"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="87"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="88"/>
        <source>Open more documents (or drop files on the window)</source>
        <translation>打开更多文档（或把文件拖到窗口上）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="89"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="91"/>
        <source>Move up (column order; or drag the row)</source>
        <translation>上移（列的顺序；也可拖动该行）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="93"/>
        <source>Move down (column order; or drag the row)</source>
        <translation>下移（列的顺序；也可拖动该行）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="94"/>
        <source>Pivot</source>
        <translation>设为基准</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="95"/>
        <source>Align the others to the selected document</source>
        <translation>让其他文档与所选文档对齐</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="96"/>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/documents_panel.py" line="97"/>
        <source>Let Tifa pick the most central document</source>
        <translation>由 Tifa 选择最居中的文档</translation>
    </message>
</context>
<context>
    <name>DotPlot</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/dot_plot.py" line="105"/>
        <source>No two paragraphs of this pair are even %.2f similar</source>
        <translation>这两篇文档没有任何一对段落的相似度达到 %.2f</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/dot_plot.py" line="177"/>
        <source>paragraph %d ↔ paragraph %d: %.2f</source>
        <translation>第 %d 段 ↔ 第 %d 段：%.2f</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/dot_plot.py" line="181"/>
        <source>linked by the alignment</source>
        <translation>对齐结果中已关联</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="51"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="52"/>
        <source>text in any document</source>
        <translation>任一文档中的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="53"/>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配（Shift+F3）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="54"/>
        <source>Next match (F3)</source>
        <translation>下一个匹配（F3）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="55"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="85"/>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/find_bar.py" line="87"/>
        <source>%d of %d</source>
        <translation>第 %d 个，共 %d 个</translation>
    </message>
</context>
<context>
    <name>FormulationModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="215"/>
        <source>Occurrences in: %s</source>
        <translation>出现次数：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="226"/>
        <source>Formulation</source>
        <translation>提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="228"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="230"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="232"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="233"/>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="233"/>
        <source>First year</source>
        <translation>首见年份</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="233"/>
        <source>Gloss</source>
        <translation>释义</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="298"/>
        <source>Category: %s</source>
        <translation>类别：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="302"/>
        <source>First used: %d</source>
        <translation>首次使用：%d 年</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="304"/>
        <source>Variants: %s</source>
        <translation>变体：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="308"/>
        <source>In: %s</source>
        <translation>见于：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/models/formulations.py" line="309"/>
        <source>Double-click to show the occurrences.</source>
        <translation>双击显示出现位置。</translation>
    </message>
</context>
<context>
    <name>FormulationsPanel</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="89"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="90"/>
        <source>phrase, variant, category or gloss</source>
        <translation>提法、变体、类别或释义</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="91"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="96"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="157"/>
        <source>Status from %s to %s (choose another pair in the similarity view)</source>
        <translation>从 %s 到 %s 的状态（在相似度视图中可选择另一对）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/formulations_panel.py" line="166"/>
        <source>%d of %d</source>
        <translation>第 %d 个，共 %d 个</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/guide.py" line="26"/>
        <source>Tifa User Guide</source>
        <translation>Tifa 使用指南</translation>
    </message>
</context>
<context>
    <name>HeatmapPanel</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="239"/>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="240"/>
        <source>Relative scale</source>
        <translation>相对色阶</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="242"/>
        <source>Off: colours on the absolute scale, 0 (nothing shared, white) to 1 (the same text, dark blue). On: colours stretched from the lowest to the highest value shown, to tell close scores apart (the key gives the values).</source>
        <translation>关闭：按绝对色阶着色，0（毫无共同之处，白色）到 1（文字相同，深蓝）。开启：颜色拉伸在所显示的最低值与最高值之间，便于区分相近的分数（图例标明数值）。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="245"/>
        <source>Rows and columns in clustering order. Click a cell for the paragraph dot plot of that pair; double-click to read the pair side by side.</source>
        <translation>行列按聚类顺序排列。单击单元格查看该文档对的段落点图；双击并排阅读这两篇文档。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="248"/>
        <source>Filter documents by name or number</source>
        <translation>按名称或编号筛选文件</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="249"/>
        <source>Similarity ≥</source>
        <translation>相似度 ≥</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="251"/>
        <source>Show only documents with at least one other document shown at least this similar (the metric chosen); 0 shows all</source>
        <translation>只显示至少与另一份所显示文件达到此相似度的文件（按所选指标）；0 显示全部</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="253"/>
        <source>Side by side</source>
        <translation>并排对读</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="255"/>
        <source>Read the documents shown here side by side (narrow them with the filter)</source>
        <translation>并排对读这里显示的文件（可先用筛选缩小范围）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="258"/>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="344"/>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="383"/>
        <source>Click a cell of the heatmap</source>
        <translation>请点击热图中的单元格</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="316"/>
        <source>%d of %d</source>
        <translation>%d / %d 份</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="385"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="394"/>
        <source>Paragraphs of “%s” (across) against “%s” (down); ringed: linked</source>
        <translation>“%s”（横轴）与“%s”（纵轴）的段落；圈出的为已关联段落</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="48"/>
        <source>Changes vs counterpart</source>
        <translation>与对应段落的改动</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="49"/>
        <source>Shared with the others</source>
        <translation>与其他文档共有</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="50"/>
        <source>New here</source>
        <translation>本文档独有</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="51"/>
        <source>Formulations only</source>
        <translation>仅提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="52"/>
        <source>No colour</source>
        <translation>不着色</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="118"/>
        <source>words %s lacks</source>
        <translation>%s 没有的词</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="121"/>
        <source>%s&apos;s words the other lacks</source>
        <translation>%s 有而另一文档没有的词</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="124"/>
        <source>changed characters</source>
        <translation>改动的字</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="126"/>
        <source>the other side&apos;s words go here</source>
        <translation>另一侧的词在此处</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="129"/>
        <source>in unmatched rows</source>
        <translation>无对应段落的行</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="134"/>
        <source>wording other open documents have too</source>
        <translation>其他打开的文档也有的措辞</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="136"/>
        <source>this</source>
        <translation>本文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="138"/>
        <source>wording in no other open document</source>
        <translation>其他打开的文档都没有的措辞</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="140"/>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="142"/>
        <source>formulation (hover it)</source>
        <translation>提法（悬停查看）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="145"/>
        <source>damaged character</source>
        <translation>损坏的字符</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="146"/>
        <source>moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="148"/>
        <source>no counterpart</source>
        <translation>无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="151"/>
        <source>unaligned row</source>
        <translation>未对齐的行</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="154"/>
        <source>band: paragraphs only some documents have; click to unfold</source>
        <translation>带：只有部分文档有的段落；点击可展开</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="157"/>
        <source>band: paragraphs only one document has; click to fold</source>
        <translation>带：只有一个文档有的段落；点击可折叠</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="165"/>
        <source>Linked rows show the word-level difference against %s (★, the pivot; in a pair view the first document): new = words the other document has and %s lacks, dropped = %s&apos;s words the other lacks (struck through), variant = the characters that changed. %s&apos;s own column is compared with the next column that has text.</source>
        <translation>对应的行显示与 %s（★ 基准文档；在两文档对照中为第一个文档）逐词比较的差异：新增 = 另一文档有而 %s 没有的词；删去 = %s 有而另一文档没有的词（加删除线）；变体 = 改动的字。%s 本身一栏与下一个有文字的栏比较。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="171"/>
        <source>Shared wording is read against all the other open documents.</source>
        <translation>共有措辞是与所有其他打开的文档比较得出的。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="173"/>
        <source>New wording is in no other open document.</source>
        <translation>独有措辞在其他打开的文档中都没有。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="175"/>
        <source>Choose what is coloured in View › Colours.</source>
        <translation>在 视图 › 着色 中选择着色方式。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="177"/>
        <source>A moved paragraph (purple bar) is out of the pivot document&apos;s order; hatched cells have no counterpart. F7 / Shift+F7: next / previous difference.</source>
        <translation>移动的段落（紫色竖条）不在基准文档的顺序中；斜线格表示没有对应段落。F7 / Shift+F7：下一处 / 上一处差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="179"/>
        <source>Rows numbered with a dot set unaligned paragraphs side by side, each document in its own order.</source>
        <translation>带圆点编号的行把未对齐的段落并排显示，各按本文档的顺序。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="181"/>
        <source>A band (▸) gathers the paragraphs only some documents have, between the rows most of them share; click it to unfold or fold.</source>
        <translation>带（▸）汇集只有部分文档有的段落，位于多数文档共有的行之间；点击可展开或折叠。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/legend.py" line="184"/>
        <source>A band (▾) gathers the paragraphs only one document has; click it to fold or unfold.</source>
        <translation>带（▾）汇集只有一个文档有的段落；点击可折叠或展开。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="189"/>
        <source>Comparison cancelled</source>
        <translation>比较已取消</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="276"/>
        <source>Side by side</source>
        <translation>并排对读</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="277"/>
        <source>Formulations</source>
        <translation>提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="278"/>
        <source>Similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="279"/>
        <source>Corpus</source>
        <translation>语料库</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="280"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="281"/>
        <source>Stop reading or comparing</source>
        <translation>停止读取或比较</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/main_window.py" line="301"/>
        <source>Tifa 提法对读 — %n document(s)</source>
        <translation>
            <numerusform>Tifa 提法对读 — %n 篇文档</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="308"/>
        <source>Reading and comparing…</source>
        <translation>正在读取和比较…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="310"/>
        <source>Open two or more documents to compare them
(File › Open, or drop files here)</source>
        <translation>请打开两篇或更多文档进行比较
（文件 › 打开，或把文件拖到这里）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="313"/>
        <source>Not compared yet: View › Compare Again (F5)</source>
        <translation>尚未比较：视图 › 重新比较（F5）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="431"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="476"/>
        <source>No more differences</source>
        <translation>没有更多差异</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="476"/>
        <source>No earlier difference</source>
        <translation>前面没有差异</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="495"/>
        <source>No occurrence in the open documents</source>
        <translation>已打开的文档中没有出现</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="568"/>
        <source>First used: %d</source>
        <translation>首次使用：%d 年</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="575"/>
        <source>Also in: %s</source>
        <translation>也见于：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="581"/>
        <source>Variants: %s</source>
        <translation>变体：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="615"/>
        <source>Workspace saved: %s</source>
        <translation>工作区已保存：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="635"/>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="666"/>
        <source>About Tifa</source>
        <translation>关于 Tifa</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="667"/>
        <source>&lt;b&gt;Tifa 提法对读&lt;/b&gt; %s&lt;br/&gt;Compare Chinese political documents side by side: paragraphs aligned, wording highlighted, formulations tracked.</source>
        <translation>&lt;b&gt;Tifa 提法对读&lt;/b&gt; %s&lt;br/&gt;并排比较中文政治文献：段落对齐，措辞高亮，提法追踪。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="714"/>
        <source>Hide the documents list (Ctrl+Shift+D)</source>
        <translation>隐藏文档列表（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/main_window.py" line="715"/>
        <source>Show the documents list (Ctrl+Shift+D)</source>
        <translation>显示文档列表（Ctrl+Shift+D）</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="45"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="53"/>
        <source>Could not read %s: %s</source>
        <translation>无法读取 %s：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="60"/>
        <source>Something went wrong: %s</source>
        <translation>出错了：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="71"/>
        <source>Report written: %s</source>
        <translation>报告已写入：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="72"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/message_bar.py" line="73"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
</context>
<context>
    <name>NewFormulationsModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="234"/>
        <source>Formulation</source>
        <translation>提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="234"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="234"/>
        <source>First use</source>
        <translation>首次使用</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="235"/>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="235"/>
        <source>Occurrences</source>
        <translation>出现次数</translation>
    </message>
</context>
<context>
    <name>OverviewStrip</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/overview_strip.py" line="47"/>
        <source>Where the changes (amber) and the shared passages (green) are: click to go there</source>
        <translation>变化（琥珀色）与共有文段（绿色）的位置：点击跳转</translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/heatmap_panel.py" line="117"/>
        <source>Colours stretched from %.2f (lightest) to %.2f (darkest); the diagonal (a document with itself) is grey</source>
        <translation>颜色从 %.2f（最浅）到 %.2f（最深）拉伸；对角线（文档与自身）为灰色</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../desktop/tifa/gui/session.py" line="189"/>
        <location filename="../../desktop/tifa/gui/session.py" line="235"/>
        <source>Already open: %s</source>
        <translation>已经打开：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/session.py" line="353"/>
        <source>Open a second document to compare.</source>
        <translation>请再打开一个文档以进行对读。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/session.py" line="360"/>
        <source>%d documents are open; Tifa compares at most %d at a time. Remove some to compare the others.</source>
        <translation>已打开 %d 份文件；提法对读一次最多比较 %d 份。请移除一些，再比较其余的。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="30"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="40"/>
        <source>How similar two paragraphs must be (0–1) to be put in the same row</source>
        <translation>两个段落的相似度（0–1）达到多少才放在同一行</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="45"/>
        <source> characters</source>
        <translation> 个字</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="46"/>
        <source>Ignore punctuation</source>
        <translation>忽略标点</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="48"/>
        <source>Ignore numbers</source>
        <translation>忽略数字</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="56"/>
        <source>Where a paragraph has no counterpart, the detail pane lists sentences of the other documents that echo it; weaker echoes than this are left out. 0.50: eight distinctive characters in common, 0.67: sixteen, 0.80: thirty-two</source>
        <translation>某段落没有对应段落时，详情窗格会列出其他文档中与之呼应的句子；低于此得分的不列出。0.50：共有 8 个有区分度的字，0.67：16 个，0.80：32 个</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="60"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="66"/>
        <source>Compare by:</source>
        <translation>比较单位：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="67"/>
        <source>Link threshold:</source>
        <translation>关联阈值：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="68"/>
        <source>Shortest shared passage:</source>
        <translation>最短共同段落：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="71"/>
        <source>Show sentence echoes from:</source>
        <translation>显示呼应句的最低得分：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="72"/>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/dialogs/settings.py" line="73"/>
        <source>Changing a comparison setting compares the documents again.</source>
        <translation>修改比较设置后会重新比较文档。</translation>
    </message>
</context>
<context>
    <name>SideBySideView</name>
    <message>
        <location filename="../../desktop/tifa/gui/views/side_by_side.py" line="450"/>
        <source>Move Left</source>
        <translation>左移</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/views/side_by_side.py" line="453"/>
        <source>Move Right</source>
        <translation>右移</translation>
    </message>
</context>
<context>
    <name>SimilarityModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/models/similarity.py" line="297"/>
        <source>%s
%s
similarity %.2f (%s)
Click: this pair; double-click: side by side</source>
        <translation>%s
%s
相似度 %.2f（%s）
单击：选择此文档对；双击：并排阅读</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/chart.py" line="72"/>
        <source>%1: %2, %3</source>
        <translation>%1：%2，%3</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/chart.py" line="88"/>
        <source>No timeline yet: enter phrases and press Show.</source>
        <translation>尚无时间线：输入短语后点击“显示”。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/chart.py" line="131"/>
        <source>documents per period</source>
        <translation>每期文档数</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="181"/>
        <source>Period</source>
        <translation>时期</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="184"/>
        <source>%s: documents</source>
        <translation>%s：文档数</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="184"/>
        <source>%s: occurrences</source>
        <translation>%s：出现次数</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="139"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="140"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="141"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="142"/>
        <source>Open the &amp;Sample Reports</source>
        <translation>打开示例报道(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="143"/>
        <source>Read Files of Many Items &amp;Whole</source>
        <translation>多条目文件作为整篇读取(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="145"/>
        <source>A transcript&apos;s day holds many news items: read it as one document instead of one document per item (applies to files opened from now on)</source>
        <translation>一天的文字稿包含多条新闻：作为一篇文档读取，而不是每条一篇（对此后打开的文件生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="147"/>
        <source>Open &amp;Workspace…</source>
        <translation>打开工作区(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="148"/>
        <source>&amp;Save Workspace As…</source>
        <translation>工作区另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="149"/>
        <source>&amp;Export Report</source>
        <translation>导出报告(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="154"/>
        <source>Print Pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="155"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="156"/>
        <source>&amp;Close All Documents</source>
        <translation>关闭所有文档(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="157"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="158"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="159"/>
        <source>&amp;Undo Removing Documents</source>
        <translation>撤销移除文档(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="160"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="161"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="162"/>
        <source>Find &amp;Previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="163"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="164"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="165"/>
        <source>Next &amp;Difference</source>
        <translation>下一处差异(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="166"/>
        <source>Previous Di&amp;fference</source>
        <translation>上一处差异(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="167"/>
        <source>&amp;Side by Side</source>
        <translation>并排对读(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="168"/>
        <source>F&amp;ormulations</source>
        <translation>提法(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="169"/>
        <source>Si&amp;milarity</source>
        <translation>相似度(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="170"/>
        <source>&amp;Corpus</source>
        <translation>语料库(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="171"/>
        <source>Open &amp;Corpus…</source>
        <translation>打开语料库(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="172"/>
        <source>Show &amp;All Documents</source>
        <translation>显示全部文档(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="173"/>
        <source>Show &amp;Rows</source>
        <translation>显示的行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="174"/>
        <source>&amp;All Rows</source>
        <translation>全部行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="175"/>
        <source>Only Rows with &amp;Differences</source>
        <translation>仅有差异的行(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="176"/>
        <source>Only &amp;Shared Wording</source>
        <translation>仅共有措辞(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="177"/>
        <source>F&amp;old All Bands</source>
        <translation>折叠全部区块(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="178"/>
        <source>&amp;Unfold All Bands</source>
        <translation>展开全部区块(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="179"/>
        <source>&amp;Pack Unaligned Paragraphs Side by Side</source>
        <translation>未对齐段落并排显示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="180"/>
        <source>C&amp;olours</source>
        <translation>着色(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="186"/>
        <source>&amp;Compare Again</source>
        <translation>重新比较(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="187"/>
        <source>Documents &amp;List</source>
        <translation>文档列表(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="188"/>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="189"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="190"/>
        <source>User &amp;Guide</source>
        <translation>使用指南(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="191"/>
        <source>&amp;About Tifa</source>
        <translation>关于 Tifa(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="198"/>
        <source>Report export is not available in this build</source>
        <translation>此版本不提供报告导出</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/menus.py" line="200"/>
        <source>Compare two or more documents first</source>
        <translation>请先比较两篇或更多文档</translation>
    </message>
</context>
<context>
    <name>exporting</name>
    <message>
        <location filename="../../desktop/tifa/gui/exporting.py" line="79"/>
        <source>Writing %s</source>
        <translation>正在写入 %s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/exporting.py" line="95"/>
        <source>Export CSV files into a folder</source>
        <translation>把 CSV 文件导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/exporting.py" line="101"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/exporting.py" line="129"/>
        <source>Report written: %s</source>
        <translation>报告已写入：%s</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/exporting.py" line="125"/>
        <location filename="../../desktop/tifa/gui/exporting.py" line="134"/>
        <source>Could not write %s: %s</source>
        <translation>无法写入 %s：%s</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="24"/>
        <source>simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="25"/>
        <source>traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="26"/>
        <source>mixed</source>
        <translation>繁简混合</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="27"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="54"/>
        <source>only in one document</source>
        <translation>仅见于一篇文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="56"/>
        <source>equal</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="57"/>
        <source>edited</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="58"/>
        <source>split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="59"/>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="60"/>
        <source>moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="66"/>
        <source>automatic (per pair)</source>
        <translation>自动（逐对选择）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="68"/>
        <source>sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="69"/>
        <source>paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="78"/>
        <source>compared by %1 (%2)</source>
        <translation>对读单位：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="84"/>
        <source>quoted</source>
        <translation>引号术语</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="85"/>
        <source>numbered</source>
        <translation>数字提法</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/labels.py" line="86"/>
        <source>parallel</source>
        <translation>排比句式</translation>
    </message>
</context>
<context>
    <name>metrics</name>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="74"/>
        <source>The share of each document&apos;s text found word for word in the other (passages of at least a few characters): 1 = the same text, 0 = nothing in common.</source>
        <translation>每份文档中逐字见于另一份文档的文字所占比例（至少数字长的文段）：1 表示文字相同，0 表示毫无共同之处。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="78"/>
        <source>How alike the two documents&apos; vocabularies are, rare words weighing more than common ones (cosine of TF-IDF word vectors, 0 to 1).</source>
        <translation>两份文档用词的相似程度，少见词比常见词权重更高（TF-IDF 词向量的余弦，0 到 1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="81"/>
        <source>How alike the documents&apos; pairs of adjacent characters are (cosine of character-bigram counts, 0 to 1): close for texts on the same subject even when reworded.</source>
        <translation>两份文档相邻字对的相似程度（字二元组计数的余弦，0 到 1）：同一主题的文本即使改写也会接近。</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <location filename="../../desktop/tifa/gui/operations.py" line="38"/>
        <source>Open documents</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/operations.py" line="40"/>
        <source>Documents (%s);;All files (*)</source>
        <translation>文档 (%s);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/operations.py" line="65"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/operations.py" line="67"/>
        <location filename="../../desktop/tifa/gui/operations.py" line="87"/>
        <source>Tifa workspaces (*%s)</source>
        <translation>Tifa 工作区 (*%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/operations.py" line="85"/>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../desktop/tifa/gui/printing.py" line="56"/>
        <source>Tifa — %1 documents side by side</source>
        <translation>Tifa — %1 份文档并排对读</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="196"/>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="97"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="98"/>
        <source>no such file (a part of the path is a file, not a folder)</source>
        <translation>文件不存在（路径中有一段是文件，不是文件夹）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="100"/>
        <source>this is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="101"/>
        <source>not a regular file (a pipe or a device)</source>
        <translation>不是普通文件（是管道或设备）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="103"/>
        <source>permission denied</source>
        <translation>没有权限读取</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="104"/>
        <source>not a usable file name</source>
        <translation>文件名不可用</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="105"/>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="106"/>
        <source>this is a binary file, not text</source>
        <translation>这是二进制文件，不是文本</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="107"/>
        <source>no text found in the file</source>
        <translation>文件中没有找到文字</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="109"/>
        <source>the text encoding cannot be recognised (tried UTF-8, GB18030/GBK, Big5, UTF-16)</source>
        <translation>无法识别文本编码（已尝试 UTF-8、GB18030/GBK、Big5、UTF-16）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="111"/>
        <source>the PDF is password-protected</source>
        <translation>PDF 设有密码保护</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="112"/>
        <source>not a PDF file (it does not start with %PDF)</source>
        <translation>不是 PDF 文件（开头不是 %PDF）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="114"/>
        <source>not a Word .docx file (it is not a ZIP package)</source>
        <translation>不是 Word .docx 文件（不是 ZIP 包）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="116"/>
        <source>an old Office file (.doc/.xls): save it as .docx</source>
        <translation>旧版 Office 文件（.doc/.xls）：请另存为 .docx</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="118"/>
        <source>old Word .doc files are not supported: save it as .docx</source>
        <translation>不支持旧版 Word .doc 文件：请另存为 .docx</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="120"/>
        <source>WPS files are not supported: save it as .docx</source>
        <translation>不支持 WPS 文件：请另存为 .docx</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="122"/>
        <source>RTF files are not supported: save it as .docx or .txt</source>
        <translation>不支持 RTF 文件：请另存为 .docx 或 .txt</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="124"/>
        <source>OpenDocument files are not supported: save it as .docx</source>
        <translation>不支持 OpenDocument 文件：请另存为 .docx</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="126"/>
        <source>spreadsheets are not supported</source>
        <translation>不支持电子表格</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="127"/>
        <source>presentations are not supported</source>
        <translation>不支持演示文稿</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="129"/>
        <source>a ZIP archive, not a document Tifa can read</source>
        <translation>这是 ZIP 压缩包，不是 Tifa 能读取的文档</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="131"/>
        <source>the Word file is too large to read in memory</source>
        <translation>Word 文件太大，无法读入内存</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="133"/>
        <source>the Word file nests too deeply to read</source>
        <translation>Word 文件嵌套过深，无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="135"/>
        <source>the document is nested too deeply to read</source>
        <translation>文档嵌套过深，无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="143"/>
        <source>the file is too large (%1; Tifa reads files up to %2)</source>
        <translation>文件太大（%1；Tifa 最多读取 %2）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="145"/>
        <source>the file is too large (more than %1)</source>
        <translation>文件太大（超过 %1）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="147"/>
        <source>the PDF is damaged or not a PDF (%1)</source>
        <translation>PDF 已损坏或不是 PDF（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="150"/>
        <source>one of the PDF&apos;s compressed streams expands to more than %1 (Tifa reads up to %2 of them, %3 a stream): a deflate bomb or not a document, refused</source>
        <translation>PDF 中有一个压缩流解压后超过 %1（Tifa 最多读取共 %2、每个 %3）：疑为解压炸弹或并非文档，已拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="155"/>
        <source>the PDF&apos;s compressed streams expand to more than %1 (Tifa reads up to %2, %3 a stream): refused</source>
        <translation>PDF 的压缩流解压后超过 %1（Tifa 最多读取 %2，每个 %3）：已拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="158"/>
        <source>the Word file is damaged (%1)</source>
        <translation>Word 文件已损坏（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="160"/>
        <source>not a readable Word .docx file (%1)</source>
        <translation>无法读取的 Word .docx 文件（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="163"/>
        <source>no readable text: the bytes do not decode as %1 (%2 undecodable byte sequences)</source>
        <translation>没有可读的文字：按 %1 解码不通（%2 处无法解码）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="167"/>
        <source>mostly undecodable: the bytes do not decode as %1 (%2 undecodable byte sequences against %3 readable characters)</source>
        <translation>大部分无法解码：按 %1 解码不通（%2 处无法解码，可读字符仅 %3 个）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="172"/>
        <source>all its text is page furniture, no article text to compare</source>
        <translation>全部文字都是网页附属内容（编辑署名、推广语等），没有可比较的正文</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="175"/>
        <source>the bytes do not decode as %1 (at byte %2)</source>
        <translation>按 %1 解码不通（第 %2 字节处）</translation>
    </message>
    <message>
        <location filename="../../desktop/tifa/gui/localize.py" line="178"/>
        <source>the bytes do not decode as text in a known encoding (closest guess %1 gives noise)</source>
        <translation>按任何已知编码都解不出文字（最接近的 %1 解出来是乱码）</translation>
    </message>
</context>
</TS>
