<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CorpusTab</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="554" />
        <source> (%n of those added or changed are copies of files already stored)</source>
        <translation>
            <numerusform> (%n of those added or changed is a copy of a file already stored)</numerusform>
            <numerusform> (%n of those added or changed are copies of files already stored)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="589" />
        <source>%n document(s) contain(s) “%1”</source>
        <translation>
            <numerusform>%n document contains “%1”</numerusform>
            <numerusform>%n documents contain “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="621" />
        <source>%1: used only in %n undated document(s)</source>
        <translation>
            <numerusform>%1: used only in %n undated document</numerusform>
            <numerusform>%1: used only in %n undated documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="650" />
        <source>%1: %n document(s)</source>
        <translation>
            <numerusform>%1: %n document</numerusform>
            <numerusform>%1: %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="682" />
        <source>First used in %n document(s) on %1</source>
        <translation>
            <numerusform>First used in %n document on %1</numerusform>
            <numerusform>First used in %n documents on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="700" />
        <source>(and %n near-duplicate(s)) </source>
        <translation>
            <numerusform>(and %n near-duplicate) </numerusform>
            <numerusform>(and %n near-duplicates) </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/tab.py" line="705" />
        <source>%n document(s) share(s) passages with “%1” (%2)</source>
        <translation>
            <numerusform>%n document shares passages with “%1” (%2)</numerusform>
            <numerusform>%n documents share passages with “%1” (%2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="19" />
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="22" />
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/counts.py" line="25" />
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n occurrence</numerusform>
            <numerusform>%n occurrences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="180" />
        <source>no counterpart (weaker sentence echoes not shown: %n, below %1)</source>
        <translation>
            <numerusform>no counterpart (weaker sentence echoes not shown: %n, below %1)</numerusform>
            <numerusform>no counterpart (weaker sentence echoes not shown: %n, below %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/views/detail_pane.py" line="201" />
        <source>weaker echoes not shown: %n, below %1 (see Settings)</source>
        <translation>
            <numerusform>weaker echoes not shown: %n, below %1 (see Settings)</numerusform>
            <numerusform>weaker echoes not shown: %n, below %1 (see Settings)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/corpus/models.py" line="89" />
        <source>(+%n copies)</source>
        <translation>
            <numerusform>(+%n copy)</numerusform>
            <numerusform>(+%n copies)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/tifa/gui/main_window.py" line="301" />
        <source>Tifa 提法对读 — %n document(s)</source>
        <translation>
            <numerusform>Tifa 提法对读 — %n document</numerusform>
            <numerusform>Tifa 提法对读 — %n documents</numerusform>
        </translation>
    </message>
</context>
</TS>