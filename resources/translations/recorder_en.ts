<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>AdjournmentEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/adjournment.py" line="+25"/>
        <source>散會，記下現在時間 (Ctrl+T)</source>
        <translation>Adjourn now and record the time (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>散會時間</source>
        <translation>Adjournment time</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>散會時間(&amp;K)</source>
        <translation>Adjournment &amp;time</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../recorder_app/gui/app.py" line="+221"/>
        <source>%1

要以這個備份還原嗎？損毀的檔案會另存保留。</source>
        <translation>%1

Restore this backup? The damaged file will be kept as well.</translation>
    </message>
</context>
<context>
    <name>CaseBoard</name>
    <message>
        <location filename="../../recorder_app/gui/editors/cases.py" line="+61"/>
        <source>搜尋案件名稱或共同議題 (Ctrl+F)</source>
        <translation>Search case names or common themes (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只顯示待決(&amp;P)</source>
        <translation>&amp;Pending only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>決定後跳至下一案(&amp;J)</source>
        <translation>&amp;Jump to the next case after a decision</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>議題小組(&amp;G)</source>
        <translation>Working &amp;group</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>按鍵：A/1 同意新增&#x3000;D/2 同意解列&#x3000;C/3 持續列管&#x3000;R/4 不同意新增&#x3000;0/Del 待決&#x3000;↑↓ 移動</source>
        <translation>Keys: A/1 Added · D/2 Delisted · C/3 Continues · R/4 Not added · 0/Del Pending · ↑↓ Move</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+57"/>
        <source>全部小組</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>議題小組合作案件</source>
        <translation>Working group cooperation cases</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1：新增 %2&#x3000;解列 %3&#x3000;持續列管 %4&#x3000;不同意新增 %5&#x3000;待決 %6</source>
        <translation>%1: Added %2 · Delisted %3 · Continues %4 · Not added %5 · Pending %6</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>紀錄將寫：</source>
        <translation>Minutes will read: </translation>
    </message>
</context>
<context>
    <name>CommentsDialog</name>
    <message>
        <location filename="../../recorder_app/gui/compare_view.py" line="+175"/>
        <source>編號</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置</source>
        <translation>Anchor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>狀態</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>內容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>批註</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>位置：item:項目代號、point:項目/要點、case:案件代號、para:段落序號</source>
        <translation>Anchor: item:ITEM, point:ITEM/POINT, case:CASE or para:N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批註內容</source>
        <translation>Comment text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加上批註(&amp;A)</source>
        <translation>&amp;Add comment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>標為已解決(&amp;S)</source>
        <translation>Mark re&amp;solved</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>位置(&amp;W)</source>
        <translation>&amp;Where</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>內容(&amp;T)</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>無法讀取批註</source>
        <translation>Cannot read the comments</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已解決（%1）</source>
        <translation>Resolved (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未解決</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>無法加上批註</source>
        <translation>Cannot add the comment</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>無法標為已解決</source>
        <translation>Cannot mark the comment resolved</translation>
    </message>
</context>
<context>
    <name>CommentsPane</name>
    <message>
        <location filename="../../recorder_app/gui/comments_pane.py" line="+69"/>
        <source>顯示已解決</source>
        <translation>Show resolved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>標為已解決</source>
        <translation>Mark resolved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>批註 (Ctrl+4)</source>
        <translation>Comments (Ctrl+4)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>無法讀取批註</source>
        <translation>Cannot read the comments</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>（已解決）</source>
        <translation>(resolved) </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 則未解決</source>
        <translation>%1 open</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>對「%1」加批註，Enter 送出</source>
        <translation>Comment on “%1”; Enter to add</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>無法加上批註</source>
        <translation>Cannot add the comment</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>無法標為已解決</source>
        <translation>Cannot mark it resolved</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../recorder_app/gui/compare_view.py" line="-171"/>
        <source>比較第 %1 版與第 %2 版</source>
        <translation>Version %1 compared with version %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>上一處(&amp;P)</source>
        <translation>&amp;Previous change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一處(&amp;N)</source>
        <translation>&amp;Next change</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>案件決議：</source>
        <translation>Case decisions:</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>（沒有不同）</source>
        <translation>(no difference)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>出列席：</source>
        <translation>Attendance:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刪除</source>
        <translation>removed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增</source>
        <translation>added</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>兩個版本的紀錄內容相同</source>
        <translation>The two versions&apos; minutes are the same</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 %1 處不同；按 F3 到下一處，Shift+F3 到上一處</source>
        <translation>%1 changes; F3 goes to the next, Shift+F3 to the previous</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第 %1 處，共 %2 處</source>
        <translation>Change %1 of %2</translation>
    </message>
</context>
<context>
    <name>ConclusionsEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/speeches.py" line="+39"/>
        <source>發言中 (Ctrl+N)</source>
        <translation>Now speaking (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>發言者(&amp;S)</source>
        <translation>&amp;Speaker</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ctrl+↑／Ctrl+↓ 調整發言順序，Delete 刪除；拖曳亦可</source>
        <translation>Ctrl+↑ / Ctrl+↓ reorder speakers, Delete removes; dragging works too</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>每行一點；只有一點時不編號</source>
        <translation>One point per line; a single point is not numbered</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+129"/>
        <source>發言要點(&amp;P)</source>
        <translation>&amp;Points</translation>
    </message>
    <message>
        <location line="-101"/>
        <location line="+32"/>
        <source>%1 發言</source>
        <translation>%1 speaks</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>調整發言順序</source>
        <translation>Reorder speakers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>刪除發言</source>
        <translation>Delete speech</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>發言要點</source>
        <translation>Speech points</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 %2 的發言要點(&amp;P)</source>
        <translation>&amp;Points of %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DiscussionEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/discussion.py" line="+30"/>
        <source>決議的內容：修正文字、後續辦理事項…</source>
        <translation>What was resolved: amended wording, follow-up…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>案由(&amp;T)</source>
        <translation>&amp;Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明(&amp;B)</source>
        <translation>Exp&amp;lanation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>辦法(&amp;P)</source>
        <translation>&amp;Proposed action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決議</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決議內容(&amp;X)</source>
        <translation>Resolution te&amp;xt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附帶決議(&amp;J)</source>
        <translation>Ri&amp;der</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../recorder_app/gui/export_dialog.py" line="+89"/>
        <source>匯出會議紀錄</source>
        <translation>Export the minutes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>公文附件：可編輯的請用 ODF（.odt／.ods），不可編輯的請用 PDF。</source>
        <translation>Attachments to official documents: ODF (.odt / .ods) where they may be edited, PDF where they may not.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>格式</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>附上 %1 則未解決的批註（Word、ODF；送審閱用，正式發文請取消）(&amp;M)</source>
        <translation>Include the %1 open co&amp;mments (Word, ODF; for review — untick for an official dispatch)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>資料夾：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>瀏覽(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>匯出(&amp;E)</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>匯出到資料夾</source>
        <translation>Export to folder</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>請至少選一種格式。</source>
        <translation>Choose at least one format.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>資料夾不存在：%1</source>
        <translation>The folder does not exist: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>取代已有的檔案？</source>
        <translation>Replace the existing files?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>資料夾中已有下列檔案，匯出會取代它們：
%1</source>
        <translation>The folder already holds these files; exporting replaces them:
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取代(&amp;R)</source>
        <translation>&amp;Replace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不要取代(&amp;N)</source>
        <translation>Do &amp;not replace</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>無法匯出</source>
        <translation>Cannot export</translation>
    </message>
</context>
<context>
    <name>HeaderEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/header.py" line="+87"/>
        <source>（不編次）</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 </source>
        <translation>No. </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 次</source>
        <translation> </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>會議(&amp;N)</source>
        <translation>Meeting &amp;name</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>會議時間(&amp;D)</source>
        <translation>&amp;Date and time</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>會議地點(&amp;L)</source>
        <translation>&amp;Location</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>主席(&amp;C)</source>
        <translation>&amp;Chair</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>共同主持(&amp;O)</source>
        <translation>C&amp;o-chairs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>紀錄(&amp;R)</source>
        <translation>&amp;Recorder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如：附件 1</source>
        <translation>e.g. 附件 1 (Attachment 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件標示(&amp;A)</source>
        <translation>&amp;Attachment label</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>出列席人員</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>出列席說明</source>
        <translation>Attendance note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>無法套用格式</source>
        <translation>Cannot apply the style</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>套用格式「%1」</source>
        <translation>Apply style “%1”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>以「、」分隔；代理寫「（王大鈞代）」，單位寫「地政處：」</source>
        <translation>Separate with 、; a stand-in as （王大鈞代）, a unit as 地政處：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>附註，例如：詳簽到表</source>
        <translation>Note, e.g. 詳簽到表</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1（本會議的格式）</source>
        <translation>%1 (this meeting’s style)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>套用：%1</source>
        <translation>Apply: %1</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>編輯人員</source>
        <translation>Edit people</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>格式(&amp;S)</source>
        <translation>&amp;Style</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>新增人員(&amp;+)</source>
        <translation>&amp;+ Add person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>人員(&amp;P)</source>
        <translation>&amp;People</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>共同主持</source>
        <translation>Co-chairs</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>新</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>委員</source>
        <translation>Member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增人員</source>
        <translation>Add person</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>會議資訊</source>
        <translation>Meeting info</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>InfoEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/info.py" line="+24"/>
        <source>標題(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>內容(&amp;C)</source>
        <translation>&amp;Content</translation>
    </message>
</context>
<context>
    <name>ItemKind</name>
    <message>
        <location filename="../../recorder_app/gui/editors/base.py" line="+31"/>
        <source>一般項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>報告案</source>
        <translation>Report item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>討論案</source>
        <translation>Discussion item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決議</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件清冊</source>
        <translation>Case register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主席結論</source>
        <translation>Chair&apos;s conclusions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>散會</source>
        <translation>Adjournment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>段落</source>
        <translation>Section</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宣讀上次會議紀錄</source>
        <translation>Minutes of the last meeting</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../recorder_app/gui/app.py" line="-11"/>
        <location line="+10"/>
        <location filename="../../recorder_app/gui/main_window.py" line="+66"/>
        <location line="+281"/>
        <source>會議紀錄</source>
        <translation>Meeting Minutes</translation>
    </message>
    <message>
        <location filename="../../recorder_app/gui/main_window.py" line="-266"/>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>開始頁(&amp;H)</source>
        <translation>Start &amp;page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出紀錄與附件(&amp;E)…</source>
        <translation>&amp;Export minutes and annex…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>版本與核定(&amp;V)…</source>
        <translation>&amp;Versions and approval…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>立即備份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>還原備份(&amp;R)…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+158"/>
        <location line="+86"/>
        <source>復原(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="-83"/>
        <location line="+86"/>
        <source>取消復原(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location line="-246"/>
        <source>會議(&amp;M)</source>
        <translation>&amp;Meeting</translation>
    </message>
    <message>
        <location line="+169"/>
        <source>完成此項並前往下一項(&amp;D)</source>
        <translation>&amp;Done, go to next item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一項(&amp;N)</source>
        <translation>&amp;Next item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一項(&amp;P)</source>
        <translation>&amp;Previous item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>會議資訊(&amp;I)</source>
        <translation>Meeting &amp;info</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件清冊(&amp;K)</source>
        <translation>Case &amp;register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>搜尋案件(&amp;F)</source>
        <translation>&amp;Find case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發言中(&amp;S)</source>
        <translation>Now &amp;speaking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>散會(&amp;T)</source>
        <translation>Ad&amp;journ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增討論案（臨時動議）(&amp;A)</source>
        <translation>&amp;Add discussion item (extempore motion)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>刪除目前項目</source>
        <translation>Delete current item</translation>
    </message>
    <message>
        <location line="-182"/>
        <source>檢視(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>議程(&amp;1)</source>
        <translation>&amp;1 Agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>編輯區(&amp;2)</source>
        <translation>&amp;2 Editor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紀錄預覽(&amp;3)</source>
        <translation>&amp;3 Minutes preview</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>修改紀錄(&amp;A)…</source>
        <translation>&amp;Audit log…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>介面語言(&amp;L)</source>
        <translation>Interface &amp;language</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>正在開啟會議資料…</source>
        <translation>Opening the meetings file…</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>已建立新的會議資料庫：%1</source>
        <translation>Created a new meetings database: %1</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>收合／展開議程(&amp;O)</source>
        <translation>Fold/unfold the &amp;outline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收合／展開紀錄預覽(&amp;W)</source>
        <translation>Fold/unfold the minutes previe&amp;w</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批註(&amp;4)</source>
        <translation>Comments (&amp;4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批註目前項目(&amp;M)</source>
        <translation>Comment on this ite&amp;m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收合／展開批註(&amp;C)</source>
        <translation>Fold / unfold the &amp;comments</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>快捷鍵一覽(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>關於(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>沒有可復原的動作</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>沒有可重做的動作</source>
        <translation>Nothing to redo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已復原：%1</source>
        <translation>Undone: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已重做：%1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>無法開啟會議</source>
        <translation>Cannot open meeting</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>（第 %1 版已核定・唯讀）</source>
        <translation>(version %1 approved, read-only)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>這場會議已核定並鎖定；要修改，請在「檔案 ▸ 版本與核定」重新開啟</source>
        <translation>This meeting is approved and locked; to change it, reopen it in File ▸ Versions and approval</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>匯入會議</source>
        <translation>Import meeting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>會議檔或交接檔 (*.json *.mrec)</source>
        <translation>Meeting or hand-over files (*.json *.mrec)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>無法建立會議</source>
        <translation>Cannot create meeting</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>正在匯入 %1…</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>以檔案取代目前內容？</source>
        <translation>Replace the current content with the file?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取代並存成新版本(&amp;R)</source>
        <translation>&amp;Replace and keep as a new version</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>無法匯入會議</source>
        <translation>Cannot import the meeting</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>
…另 %1 案</source>
        <translation>
…and %1 more</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>還有 %1 案尚未決定（待決）：</source>
        <translation>%1 cases are still undecided:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照樣匯出時，紀錄依格式寫明這些案件未及決定。</source>
        <translation>If you export anyway, the minutes state, as the style words it, that these cases were not decided.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>以下發言還沒有內容，照樣匯出時紀錄只印出發言者：</source>
        <translation>These speeches have nothing in them yet; exported as they are, the minutes print only the speaker:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚有待決案件</source>
        <translation>Undecided cases</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>紀錄尚未完成</source>
        <translation>The minutes are not finished</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>前往第一案(&amp;G)</source>
        <translation>&amp;Go to the first</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>前往該發言(&amp;G)</source>
        <translation>&amp;Go to the speech</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照樣匯出(&amp;X)</source>
        <translation>E&amp;xport anyway</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>無法讀取批註</source>
        <translation>Cannot read the comments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>匯出中…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>匯出的檔案未能登記</source>
        <translation>The exported files could not be registered</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已匯出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>匯出完成</source>
        <translation>Export complete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>開啟資料夾(&amp;O)</source>
        <translation>&amp;Open folder</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>匯出失敗，資料未受影響</source>
        <translation>Export failed; your data is unaffected</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已備份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>還原備份</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>無法還原</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>以這個備份取代目前的會議資料？
%1

目前的資料會先另存一份備份。</source>
        <translation>Replace the current meetings with this backup?
%1

The current data will be saved as a backup first.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已還原 %1</source>
        <translation>Restored %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；原檔案另存於 %1</source>
        <translation>; the replaced file is kept at %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>修改紀錄</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（尚無修改）</source>
        <translation>(no changes yet)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>案件：同意新增／同意解列／持續列管／不同意新增／待決</source>
        <translation>Cases: Added / Delisted / Continues / Not added / Pending</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>決定、決議選項</source>
        <translation>Decision and resolution choices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>發言順序上移／下移</source>
        <translation>Move speaker up / down</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>快捷鍵一覽</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>關於會議紀錄</source>
        <translation>About Meeting Minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>會議紀錄 %1
資料庫：%2</source>
        <translation>Meeting Minutes %1
Database: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>重新啟動程式後生效。
Takes effect after restart.</source>
        <translation>Takes effect after restart.
重新啟動程式後生效。</translation>
    </message>
</context>
<context>
    <name>MinutesEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/minutes.py" line="+27"/>
        <source>修正事項，每行一點；或一句話，例如：無修正事項，予以確定。</source>
        <translation>Corrections, one per line; or one sentence, e.g. 無修正事項，予以確定。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>內容(&amp;X)</source>
        <translation>Te&amp;xt</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../recorder_app/gui/models.py" line="+52"/>
        <source>議程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>完成時間</source>
        <translation>Done at</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>會議資訊（時間、地點、主席、出席）</source>
        <translation>Meeting info (time, place, chair, attendance)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>項次</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>議題小組</source>
        <translation>Working group</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件名稱</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共同議題</source>
        <translation>Common theme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提案</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本次決議</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>待決</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>點</source>
        <translation>points</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../recorder_app/gui/editors/header.py" line="-203"/>
        <source>姓</source>
        <translation>Surname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名</source>
        <translation>Given name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>職稱</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>機關</source>
        <translation>Organization</translation>
    </message>
</context>
<context>
    <name>PointsEdit</name>
    <message>
        <location filename="../../recorder_app/gui/points_edit.py" line="+102"/>
        <source>每行一點，編號自動產生。Tab：下一層&#x3000;Shift+Tab：上一層&#x3000;行首「・」：不編號&#x3000;Ctrl+Tab：離開</source>
        <translation>One point per line, numbered for you. Tab: one level deeper  Shift+Tab: back  a leading ・: no number  Ctrl+Tab: leave</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <location filename="../../recorder_app/gui/recorder.py" line="+77"/>
        <source>待決</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>完成「%1」</source>
        <translation>Complete “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消完成「%1」</source>
        <translation>Reopen “%1”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>決定：%1</source>
        <translation>Decision: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>決議：%1</source>
        <translation>Resolution: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>表決結果</source>
        <translation>Vote result</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>編輯文字</source>
        <translation>Edit text</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>新增「%1」</source>
        <translation>Add “%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>討論案</source>
        <translation>Discussion item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>決議</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>報告案</source>
        <translation>Report item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>刪除「%1」</source>
        <translation>Delete “%1”</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>編輯會議資訊</source>
        <translation>Edit meeting info</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>散會 %1</source>
        <translation>Adjourn at %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>散會時間</source>
        <translation>Adjournment time</translation>
    </message>
</context>
<context>
    <name>RecorderView</name>
    <message>
        <location filename="../../recorder_app/gui/recorder_view.py" line="+97"/>
        <source>新增項目</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在目前項目之後新增一個討論案（臨時動議）</source>
        <translation>Add a discussion item (extempore motion) after the current item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刪除項目</source>
        <translation>Delete item</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>議程 (Ctrl+1)</source>
        <translation>Agenda (Ctrl+1)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>紀錄預覽 (Ctrl+3)</source>
        <translation>Minutes preview (Ctrl+3)</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>新增 %1&#x3000;解列 %2&#x3000;持續列管 %3&#x3000;待決 %4</source>
        <translation>Added %1 · Delisted %2 · Continues %3 · Pending %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>最後儲存 %1</source>
        <translation>Last saved %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>無法完成</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/report.py" line="+28"/>
        <source>決定的內容，例如：請各機關於年底前完成</source>
        <translation>What was decided, e.g. 請各機關於年底前完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案由(&amp;T)</source>
        <translation>&amp;Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明(&amp;B)</source>
        <translation>Exp&amp;lanation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>決定內容(&amp;X)</source>
        <translation>Decision te&amp;xt</translation>
    </message>
</context>
<context>
    <name>ResolutionEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/resolution.py" line="+23"/>
        <source>決議文字(&amp;T)</source>
        <translation>Resolution &amp;text</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>決議事項</source>
        <translation>Resolutions</translation>
    </message>
</context>
<context>
    <name>SectionEditor</name>
    <message>
        <location filename="../../recorder_app/gui/editors/section.py" line="+27"/>
        <source>沒有任何案件時填「無」</source>
        <translation>If there are no items, enter 無</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>標題(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無案件時(&amp;X)</source>
        <translation>Text if &amp;none</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代表宣讀(&amp;R)</source>
        <translation>&amp;Read by</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增%1(&amp;%2)</source>
        <translation>Add %1 (&amp;%2)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（無）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../recorder_app/gui/start_page.py" line="+75"/>
        <source>會議紀錄</source>
        <translation>Meeting Minutes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>開啟範例會議(&amp;S)</source>
        <translation>Open &amp;sample meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基北北桃合作交流平臺第 3 次副市長層級會議（已記錄完成）</source>
        <translation>Keelung–Taipei–New Taipei–Taoyuan Cooperation Platform, 3rd deputy mayors&apos; meeting (fully recorded)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>練習記錄範例會議(&amp;P)</source>
        <translation>&amp;Practice recording the sample</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同一場會議，決議全部空白，可從頭練習記錄</source>
        <translation>The same meeting with every decision blank, to practice from the start</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新會議：合作交流平臺(&amp;N)</source>
        <translation>&amp;New meeting: cooperation platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>沿用最近一次平臺會議的列管案件，次數加一</source>
        <translation>Carries over the tracked cases of the latest platform meeting; meeting number + 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新會議：委員會(&amp;C)</source>
        <translation>New meeting: &amp;committee</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>報告事項、討論事項、臨時動議</source>
        <translation>Reports, discussion items, extempore motions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯入會議檔(&amp;I)…</source>
        <translation>&amp;Import a meeting file…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>其他電腦匯出的會議檔（.json）或交接檔（.mrec）</source>
        <translation>a meeting file (.json) or hand-over file (.mrec) from another PC</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>新會議的格式(&amp;T)</source>
        <translation>S&amp;tyle of a new meeting</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>最近的會議(&amp;R)</source>
        <translation>&amp;Recent meetings</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>依會議種類（合作交流平臺格式、委員會格式）</source>
        <translation>By kind of meeting (platform style, committee style)</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <location filename="../../recorder_app/gui/fields.py" line="+181"/>
        <source>請輸入 24 小時制時間，例如 14:50 或 1450</source>
        <translation>Enter a 24-hour time, e.g. 14:50 or 1450</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../../recorder_app/gui/versions_dialog.py" line="+77"/>
        <source>版次</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名稱</source>
        <translation>Label</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立時間</source>
        <translation>Made</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>使用者</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核定</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>說明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>版本與核定</source>
        <translation>Versions and approval</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>建立新版本(&amp;N)…</source>
        <translation>&amp;New version…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>檢視(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匯出此版(&amp;E)…</source>
        <translation>&amp;Export this version…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由此版建立新草稿(&amp;D)</source>
        <translation>New &amp;draft from this version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核定此版(&amp;A)…</source>
        <translation>&amp;Approve this version…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新開啟(&amp;R)…</source>
        <translation>&amp;Reopen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>寫出交接檔(&amp;H)…</source>
        <translation>Write &amp;hand-over file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>比較(&amp;C)…</source>
        <translation>&amp;Compare…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批註(&amp;M)…</source>
        <translation>Co&amp;mments…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>無法讀取版本</source>
        <translation>Cannot read the versions</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 核定 %2</source>
        <translation>approved by %1 on %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>定稿・</source>
        <translation>final · </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本會議以第 %1 版核定，已鎖定：要修改請先「重新開啟」。</source>
        <translation>This meeting was approved as version %1 and is locked: to change it, first Reopen it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本會議可以修改。核定一個版本後即鎖定。</source>
        <translation>This meeting can be changed. Approving a version locks it.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>預設：記錄完成、初稿、修正稿 N</source>
        <translation>default: 記錄完成, 初稿, 修正稿 N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>建立新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名稱(&amp;L)</source>
        <translation>&amp;Label</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>說明(&amp;T)</source>
        <translation>No&amp;te</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法建立版本</source>
        <translation>Cannot make the version</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>無法開啟版本</source>
        <translation>Cannot open the version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1 版（唯讀）</source>
        <translation>Version %1 (read-only)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>匯出第 %1 版到…</source>
        <translation>Export version %1 to…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>匯出失敗，資料未受影響</source>
        <translation>Export failed; no data was affected</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已匯出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>無法建立草稿</source>
        <translation>Cannot make the draft</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>核定第 %1 版</source>
        <translation>Approve version %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核定人(&amp;B)</source>
        <translation>Approved &amp;by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>職稱(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法核定</source>
        <translation>Cannot approve</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>重新開啟</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因(&amp;N)</source>
        <translation>Reaso&amp;n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>無法重新開啟</source>
        <translation>Cannot reopen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>寫出交接檔</source>
        <translation>Write hand-over file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>會議交接檔 (*.mrec)</source>
        <translation>Meeting hand-over file (*.mrec)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>無法寫出交接檔</source>
        <translation>Cannot write the hand-over file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已寫出交接檔：%1</source>
        <translation>Hand-over file written: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>版次要寫數字，例如 %1</source>
        <translation>A version is a number, for example %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>比較兩個版本</source>
        <translation>Compare two versions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>從第幾版(&amp;F)</source>
        <translation>&amp;From version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到第幾版(&amp;T)</source>
        <translation>&amp;To version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>無法比較</source>
        <translation>Cannot compare</translation>
    </message>
</context>
<context>
    <name>VoteBox</name>
    <message>
        <location filename="../../recorder_app/gui/editors/discussion.py" line="+32"/>
        <source>表決(&amp;Q)</source>
        <translation>V&amp;ote</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>唱名或記名表決：每行「姓名或單位 贊成／反對／棄權」</source>
        <translation>Roll-call or named vote: one line per voter, “name-or-agency 贊成／反對／棄權”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../recorder_app/gui/app.py" line="-100"/>
        <source>這個會議資料庫已在這台電腦的另一個會議紀錄視窗開啟：%1
請切換到那個視窗；若確定沒有開啟，請稍候再試。</source>
        <translation>This meetings database is already open in another Meeting Minutes window on this computer: %1
Switch to that window; if you are sure none is open, wait a moment and try again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>這個會議資料庫正由另一台電腦（%1）開啟：%2
請在那台電腦上關閉後再開啟。</source>
        <translation>This meetings database is open on another computer (%1): %2
Close it there, then open it here.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>無法開啟資料庫 %1：%2</source>
        <translation>Cannot open the database %1: %2</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <location filename="../../recorder_app/gui/export_dialog.py" line="-148"/>
        <source>ODF 會議紀錄（.odt，公文附件：可編輯）</source>
        <translation>ODF minutes (.odt, editable attachment)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ODF 附件（.ods，合作案件清冊）</source>
        <translation>ODF annex (.ods, case register)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 會議紀錄（.pdf，公文附件：不可編輯）</source>
        <translation>PDF minutes (.pdf, non-editable attachment)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word 會議紀錄</source>
        <translation>Word minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 附件（合作案件清冊）</source>
        <translation>Excel annex (case register)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>純文字會議紀錄</source>
        <translation>Plain-text minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>會議資料（JSON，可匯入另一台電腦）</source>
        <translation>Meeting data (JSON, to import on another computer)</translation>
    </message>
</context>
</TS>
