<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>trove::ui::CommitDialog</name>
    <message numerus="yes">
        <source>%n change(s) to volume &quot;%1&quot; will become one new version.</source>
        <translation>
            <numerusform>%n change to volume &quot;%1&quot; will become one new version.</numerusform>
            <numerusform>%n changes to volume &quot;%1&quot; will become one new version.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>Uploading %n file(s)</source>
        <translation>
            <numerusform>Uploading %n file</numerusform>
            <numerusform>Uploading %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n file(s)</source>
        <translation>
            <numerusform>Downloading %n file</numerusform>
            <numerusform>Downloading %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>downloading %n file(s)</source>
        <translation>
            <numerusform>downloading %n file</numerusform>
            <numerusform>downloading %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::HistoryDialog</name>
    <message numerus="yes">
        <source>%n file(s) differ between versions %1 and %2.</source>
        <translation>
            <numerusform>%n file differs between versions %1 and %2.</numerusform>
            <numerusform>%n files differ between versions %1 and %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n change(s) staged; press Commit to make a version</source>
        <translation>
            <numerusform>%n change staged; press Commit to make a version</numerusform>
            <numerusform>%n changes staged; press Commit to make a version</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::StatusPanel</name>
    <message numerus="yes">
        <source>%n version(s) behind</source>
        <translation>
            <numerusform>%n version behind</numerusform>
            <numerusform>%n versions behind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Committing %n change(s)…</source>
        <translation>
            <numerusform>Committing %n change…</numerusform>
            <numerusform>Committing %n changes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n pending change</numerusform>
            <numerusform>%n pending changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::TransferQueueModel</name>
    <message numerus="yes">
        <source>%1 / %n file(s)</source>
        <translation>
            <numerusform>%1 / %n file</numerusform>
            <numerusform>%1 / %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trove::ui::TransferScheduler</name>
    <message numerus="yes">
        <source>%n transfer(s)</source>
        <translation>
            <numerusform>%n transfer</numerusform>
            <numerusform>%n transfers</numerusform>
        </translation>
    </message>
</context>
</TS>
