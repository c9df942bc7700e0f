<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Endpoint reachable</source>
        <translation>可連線到端點</translation>
    </message>
    <message>
        <source>Keys accepted</source>
        <translation>金鑰已接受</translation>
    </message>
    <message>
        <source>Bucket exists</source>
        <translation>儲存貯體存在</translation>
    </message>
    <message>
        <source>Conditional writes honoured</source>
        <translation>支援條件式寫入</translation>
    </message>
    <message>
        <source>Enter the access key and the secret key.</source>
        <translation>請輸入存取金鑰和秘密金鑰。</translation>
    </message>
    <message>
        <source>Trove could not reach %1: %2. Check the endpoint address and that the service is running%3.</source>
        <translation>Trove 無法連線到 %1：%2。請檢查端點位址，並確認服務正在執行%3。</translation>
    </message>
    <message>
        <source>; for a private certificate authority, choose its CA file</source>
        <translation>；若使用私人憑證授權單位，請選擇其 CA 檔案</translation>
    </message>
    <message>
        <source>%1 answered.</source>
        <translation>%1 已回應。</translation>
    </message>
    <message>
        <source>The endpoint answered but refused the keys: check the access key and the secret key (%1).</source>
        <translation>端點已回應但拒絕了金鑰：請檢查存取金鑰和秘密金鑰（%1）。</translation>
    </message>
    <message>
        <source>The endpoint refused the request&apos;s region: check the region (%1).</source>
        <translation>端點拒絕了請求的區域：請檢查區域（%1）。</translation>
    </message>
    <message>
        <source>The keys are known, but they may not list bucket &quot;%1&quot;: check the bucket policy (%2).</source>
        <translation>金鑰有效，但無權列出儲存貯體「%1」：請檢查儲存貯體政策（%2）。</translation>
    </message>
    <message>
        <source>The endpoint accepted the keys.</source>
        <translation>端點已接受金鑰。</translation>
    </message>
    <message>
        <source>Bucket &quot;%1&quot; does not exist at %2: check its name, or create it (%3).</source>
        <translation>%2 上沒有儲存貯體「%1」：請檢查名稱，或建立它（%3）。</translation>
    </message>
    <message>
        <source>The endpoint answered listing bucket &quot;%1&quot; with an error (%2).</source>
        <translation>列出儲存貯體「%1」時端點回應錯誤（%2）。</translation>
    </message>
    <message>
        <source>Bucket &quot;%1&quot; exists and can be listed.</source>
        <translation>儲存貯體「%1」存在且可以列出。</translation>
    </message>
    <message>
        <source>The keys may read but not write under &quot;%1/%2&quot; (%3): check the bucket policy.</source>
        <translation>金鑰可以讀取但無法寫入「%1/%2」（%3）：請檢查儲存貯體政策。</translation>
    </message>
    <message>
        <source>The store ignores conditional writes (If-None-Match): a second create of one key succeeded. Trove will not write there, as concurrent commits would overwrite each other; use Ceph RGW, MinIO or AWS S3.</source>
        <translation>此儲存區忽略條件式寫入（If-None-Match）：同一個鍵的第二次建立成功了。Trove 不會寫入這裡，因為同時進行的提交會互相覆蓋；請使用 Ceph RGW、MinIO 或 AWS S3。</translation>
    </message>
    <message>
        <source>The second create of the probe key gave an unexpected answer (%1).</source>
        <translation>第二次建立探測鍵時得到非預期的回應（%1）。</translation>
    </message>
    <message>
        <source>The write probe did not complete: %1</source>
        <translation>寫入探測未完成：%1</translation>
    </message>
    <message>
        <source>A second create of a probe key was refused, as Trove needs; the probe was deleted.</source>
        <translation>第二次建立探測鍵被拒絕，符合 Trove 的需要；探測鍵已刪除。</translation>
    </message>
</context>
<context>
    <name>StoreList</name>
    <message>
        <source>This computer</source>
        <translation>這台電腦</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Trove: versioned volumes for model weights and datasets.</source>
        <translation>Trove：為模型權重與資料集提供有版本的 Volume。</translation>
    </message>
    <message>
        <source>Store URL: file:///path, a directory, or s3://BUCKET/PREFIX?endpoint=URL (default: $TROVE_STORE, else the embedded local store).</source>
        <translation>儲存區 URL：file:///path、一個目錄，或 s3://BUCKET/PREFIX?endpoint=URL（預設：$TROVE_STORE，否則為內建的本機儲存區）。</translation>
    </message>
    <message>
        <source>Save screenshots of the window into DIR once it has loaded, then quit (scripts/screenshots.sh).</source>
        <translation>視窗載入完成後，將螢幕截圖儲存到 DIR，然後結束（scripts/screenshots.sh）。</translation>
    </message>
</context>
<context>
    <name>trove::ui::AddFolderDialog</name>
    <message>
        <source>Add Watched Folder</source>
        <translation>新增監看的資料夾</translation>
    </message>
    <message>
        <source>Trove commits what changes in the folder to the volume, and brings newer versions of the volume into the folder.</source>
        <translation>Trove 會將資料夾中的變更提交到 Volume，並將 Volume 的較新版本帶入資料夾。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>/home/you/checkpoints</source>
        <translation>/home/you/checkpoints</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>An existing volume, or a new name to create one</source>
        <translation>現有的 Volume，或輸入新名稱來建立一個</translation>
    </message>
    <message>
        <source>Path in volume</source>
        <translation>Volume 內的路徑</translation>
    </message>
    <message>
        <source>The folder of the volume that the local folder mirrors; / for the whole volume</source>
        <translation>本機資料夾所對應的 Volume 資料夾；/ 代表整個 Volume</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>資料夾(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>Volume(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Path in volume:</source>
        <translation>Volume 內的路徑(&amp;P)：</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder to Watch</source>
        <translation>要監看的資料夾</translation>
    </message>
    <message>
        <source>Type the folder&apos;s full path, starting with / (or ~/ for your home folder).</source>
        <translation>請輸入資料夾的完整路徑，以 / 開頭（或以 ~/ 代表您的家目錄）。</translation>
    </message>
    <message>
        <source>A volume name has no &quot;/&quot;; put the folder inside the volume in Path in volume.</source>
        <translation>Volume 名稱不含「/」；請將 Volume 內的資料夾填在「Volume 內的路徑」。</translation>
    </message>
</context>
<context>
    <name>trove::ui::CommitDialog</name>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to volume &quot;%1&quot; will become one new version.</source>
        <translation>
            <numerusform>Volume「%1」的 %n 項變更將成為一個新版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>變更</translation>
    </message>
    <message>
        <source>&amp;Message (optional):</source>
        <translation>訊息（選填）(&amp;M)：</translation>
    </message>
    <message>
        <source>Message (optional):</source>
        <translation>訊息（選填）：</translation>
    </message>
    <message>
        <source>What changed, for the history</source>
        <translation>變更了什麼，記錄在歷史中</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>trove::ui::ConflictDialog</name>
    <message>
        <source>Name already taken</source>
        <translation>名稱已被使用</translation>
    </message>
    <message>
        <source>Folder &quot;%1&quot; of volume &quot;%2&quot; already has %3 named &quot;%4&quot;.</source>
        <translation>Volume「%2」的資料夾「%1」已有名為「%4」的%3。</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>an item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Replace removes that folder and uploads the dropped one in its place at the next commit; Keep Both uploads it under a new name.</source>
        <translation>「取代」會在下次提交時移除該資料夾，並上傳拖放的資料夾取而代之；「兩者都保留」會以新名稱上傳。</translation>
    </message>
    <message>
        <source>Replace uploads the dropped item over it at the next commit; Keep Both uploads it under a new name.</source>
        <translation>「取代」會在下次提交時以拖放的項目覆蓋它；「兩者都保留」會以新名稱上傳。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>取代</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>略過</translation>
    </message>
    <message>
        <source>Keep Both</source>
        <translation>兩者都保留</translation>
    </message>
    <message>
        <source>Apply to the other clash of this drop</source>
        <translation>套用到這次拖放的另一個衝突</translation>
    </message>
    <message>
        <source>Apply to all %1 other clashes of this drop</source>
        <translation>套用到這次拖放的其他全部 %1 個衝突</translation>
    </message>
</context>
<context>
    <name>trove::ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>Uploading %n file(s)</source>
        <translation>
            <numerusform>正在上傳 %n 個檔案</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n file(s)</source>
        <translation>
            <numerusform>正在下載 %n 個檔案</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>downloading %n file(s)</source>
        <translation>
            <numerusform>正在下載 %n 個檔案</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%1 — %2%</source>
        <translation>%1 — %2%</translation>
    </message>
    <message>
        <source>Commit finished</source>
        <translation>提交完成</translation>
    </message>
    <message>
        <source>Commit failed</source>
        <translation>提交失敗</translation>
    </message>
    <message>
        <source>The changes to volume &quot;%1&quot; are committed.</source>
        <translation>Volume「%1」的變更已提交。</translation>
    </message>
    <message>
        <source>The commit to volume &quot;%1&quot; failed; see the Transfers panel.</source>
        <translation>提交到 Volume「%1」失敗；請查看「傳輸」面板。</translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation>下載完成</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>下載失敗</translation>
    </message>
    <message>
        <source>&quot;%1&quot; of volume &quot;%2&quot; is downloaded.</source>
        <translation>Volume「%2」的「%1」已下載。</translation>
    </message>
    <message>
        <source>The download of &quot;%1&quot; failed; see the Transfers panel.</source>
        <translation>下載「%1」失敗；請查看「傳輸」面板。</translation>
    </message>
</context>
<context>
    <name>trove::ui::DetailsPane</name>
    <message>
        <source>Compare tensors…</source>
        <translation>比較張量…</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Modified:</source>
        <translation>修改時間：</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Chunks:</source>
        <translation>區塊：</translation>
    </message>
    <message>
        <source>Shared in volume:</source>
        <translation>在 Volume 中共用：</translation>
    </message>
    <message>
        <source>Shared in store:</source>
        <translation>在儲存區中共用：</translation>
    </message>
    <message>
        <source>Changed in:</source>
        <translation>變更於：</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細資訊</translation>
    </message>
    <message>
        <source>Select a file to see its details.</source>
        <translation>選取檔案以查看其詳細資訊。</translation>
    </message>
    <message>
        <source>Cannot read the details of this file: %1</source>
        <translation>無法讀取此檔案的詳細資訊：%1</translation>
    </message>
    <message>
        <source>Not in version %1 yet: the details show once it is committed.</source>
        <translation>尚未在版本 %1 中：提交後才會顯示詳細資訊。</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 位元組）</translation>
    </message>
    <message>
        <source>Reading the header…</source>
        <translation>正在讀取標頭…</translation>
    </message>
    <message>
        <source>This .safetensors file&apos;s header cannot be read: %1</source>
        <translation>無法讀取此 .safetensors 檔案的標頭：%1</translation>
    </message>
    <message>
        <source>Cannot read this file for a preview: %1</source>
        <translation>無法讀取此檔案以預覽：%1</translation>
    </message>
    <message>
        <source>Tensors: %1    Parameters: %2</source>
        <translation>張量：%1    參數：%2</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>計算中…</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>不明：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>at least %1 (the store is large: stopped after %2 files)</source>
        <translation>至少 %1（儲存區很大：檢查 %2 個檔案後停止）</translation>
    </message>
    <message>
        <source>%1 and %2 earlier</source>
        <translation>%1，以及更早的 %2 個</translation>
    </message>
    <message>
        <source>%1 (the last %2 versions looked at)</source>
        <translation>%1（僅查看最近 %2 個版本）</translation>
    </message>
    <message>
        <source>List the tensors that differ from an earlier version of this file</source>
        <translation>列出與此檔案較早版本不同的張量</translation>
    </message>
    <message>
        <source>This file has no earlier version to compare with</source>
        <translation>此檔案沒有可比較的較早版本</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Compare tensors</source>
        <translation>比較張量</translation>
    </message>
    <message>
        <source>Compare version %1 of %2 with:</source>
        <translation>將 %2 的版本 %1 與下列版本比較：</translation>
    </message>
</context>
<context>
    <name>trove::ui::DiffModel</name>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已變更</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路徑</translation>
    </message>
    <message>
        <source>Old size</source>
        <translation>舊大小</translation>
    </message>
    <message>
        <source>New size</source>
        <translation>新大小</translation>
    </message>
</context>
<context>
    <name>trove::ui::DropPlanner</name>
    <message>
        <source>Nothing was dropped.</source>
        <translation>沒有放下任何項目。</translation>
    </message>
    <message>
        <source>Only files on this computer can be uploaded; %1 is not one. Save it to a folder first, then drop it from there.</source>
        <translation>只能上傳這台電腦上的檔案；%1 不是。請先將它儲存到資料夾，再從那裡拖放。</translation>
    </message>
    <message>
        <source>%1 no longer exists.</source>
        <translation>%1 已不存在。</translation>
    </message>
</context>
<context>
    <name>trove::ui::DropStager</name>
    <message>
        <source>Nothing was staged for folder &quot;%1&quot; of volume &quot;%2&quot;: %3</source>
        <translation>沒有為 Volume「%2」的資料夾「%1」暫存任何變更：%3</translation>
    </message>
</context>
<context>
    <name>trove::ui::ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>trove::ui::ErrorText</name>
    <message>
        <source>The store did not answer. Your pending changes are kept; try again when it is reachable.</source>
        <translation>儲存區沒有回應。待提交的變更已保留；可以連線時請再試一次。</translation>
    </message>
    <message>
        <source>Check that the store is reachable and that you may write to it, then try again.</source>
        <translation>請確認可以連線到儲存區且有寫入權限，然後再試一次。</translation>
    </message>
    <message>
        <source>It may have been changed by someone else: press Reload to see the newest version.</source>
        <translation>可能已被其他人變更：請按「重新載入」查看最新版本。</translation>
    </message>
    <message>
        <source>Choose another name, or remove the existing one first.</source>
        <translation>請選擇其他名稱，或先移除現有的項目。</translation>
    </message>
    <message>
        <source>Another writer changed it at the same time: press Reload, then try again.</source>
        <translation>另一個寫入者同時變更了它：請按「重新載入」，然後再試一次。</translation>
    </message>
    <message>
        <source>Stored data is damaged: run &quot;trove-cli check&quot; on this store.</source>
        <translation>儲存的資料已損毀：請對此儲存區執行「trove-cli check」。</translation>
    </message>
    <message>
        <source>This volume&apos;s format does not allow it.</source>
        <translation>此 Volume 的格式不允許這項操作。</translation>
    </message>
    <message>
        <source>Check the name or path and try again.</source>
        <translation>請檢查名稱或路徑，然後再試一次。</translation>
    </message>
    <message>
        <source>Close the files that are open and try again.</source>
        <translation>請關閉已開啟的檔案，然後再試一次。</translation>
    </message>
</context>
<context>
    <name>trove::ui::FileCommands</name>
    <message>
        <source>Upload Files</source>
        <translation>上傳檔案</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>上傳資料夾</translation>
    </message>
    <message>
        <source>Download to</source>
        <translation>下載到</translation>
    </message>
    <message>
        <source>Downloading to %1; progress is in the Transfers panel</source>
        <translation>正在下載到 %1；進度顯示在「傳輸」面板</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>新增資料夾</translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation>新資料夾的名稱：</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名稱：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy to (path in the volume):</source>
        <translation>複製到（Volume 內的路徑）：</translation>
    </message>
    <message>
        <source> copy</source>
        <translation> 複本</translation>
    </message>
    <message>
        <source>Cannot copy &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>無法將「%1」複製到「%2」。</translation>
    </message>
</context>
<context>
    <name>trove::ui::FileTypes</name>
    <message>
        <source>Folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 檔案</translation>
    </message>
</context>
<context>
    <name>trove::ui::HeadWatcher</name>
    <message>
        <source>Could not check volume &quot;%1&quot; for new versions.</source>
        <translation>無法檢查 Volume「%1」是否有新版本。</translation>
    </message>
</context>
<context>
    <name>trove::ui::HistoryDialog</name>
    <message>
        <source>Restore</source>
        <translation>還原</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>%1 的歷史</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Files at version</source>
        <translation>此版本的檔案</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比較結果</translation>
    </message>
    <message>
        <source>Version details</source>
        <translation>版本詳細資料</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Bring the selected file or folder back as it was in this version (a pending change)</source>
        <translation>將選取的檔案或資料夾還原為此版本中的樣子（成為待提交的變更）</translation>
    </message>
    <message>
        <source>Compare the two selected versions, or the selected one with the one before it</source>
        <translation>比較選取的兩個版本，或將選取的版本與前一個版本比較</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Could not list &quot;%1&quot; in version %2: %3</source>
        <translation>無法列出版本 %2 中的「%1」：%3</translation>
    </message>
    <message>
        <source>Could not read the history of &quot;%1&quot;.</source>
        <translation>無法讀取「%1」的歷史。</translation>
    </message>
    <message>
        <source>Could not open version %1 of &quot;%2&quot;.</source>
        <translation>無法開啟「%2」的版本 %1。</translation>
    </message>
    <message>
        <source>Files at version %1</source>
        <translation>版本 %1 的檔案</translation>
    </message>
    <message>
        <source>Could not compare versions %1 and %2.</source>
        <translation>無法比較版本 %1 與 %2。</translation>
    </message>
    <message>
        <source>Comparison %1 → %2</source>
        <translation>比較 %1 → %2</translation>
    </message>
    <message>
        <source>Versions %1 and %2 hold the same files.</source>
        <translation>版本 %1 與 %2 的檔案相同。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) differ between versions %1 and %2.</source>
        <translation>
            <numerusform>版本 %1 與 %2 之間有 %n 個檔案不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; from version %2 is now a pending change; press Commit in the main window to make it a version.</source>
        <translation>版本 %2 的「%1」現在是待提交的變更；請在主視窗按「提交」使其成為一個版本。</translation>
    </message>
    <message>
        <source>Compare tensors…</source>
        <translation>比較張量…</translation>
    </message>
    <message>
        <source>List the tensors that differ between the two compared versions of the selected .safetensors file</source>
        <translation>列出所選 .safetensors 檔案在比較的兩個版本之間不同的張量</translation>
    </message>
</context>
<context>
    <name>trove::ui::HistoryModel</name>
    <message>
        <source>%1 added, %2 modified, %3 removed</source>
        <translation>新增 %1、修改 %2、移除 %3</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Writer</source>
        <translation>寫入者</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>變更</translation>
    </message>
</context>
<context>
    <name>trove::ui::MainActions</name>
    <message>
        <source>New Volume…</source>
        <translation>新增 Volume…</translation>
    </message>
    <message>
        <source>Create an empty volume</source>
        <translation>建立空的 Volume</translation>
    </message>
    <message>
        <source>Rename Volume…</source>
        <translation>重新命名 Volume…</translation>
    </message>
    <message>
        <source>Give the selected volume another name</source>
        <translation>為選取的 Volume 取另一個名稱</translation>
    </message>
    <message>
        <source>Fork Volume…</source>
        <translation>複刻 Volume…</translation>
    </message>
    <message>
        <source>Make a new volume from the newest version of this one, without copying data</source>
        <translation>以此 Volume 的最新版本建立新的 Volume，不複製資料</translation>
    </message>
    <message>
        <source>Delete Volume…</source>
        <translation>刪除 Volume…</translation>
    </message>
    <message>
        <source>Delete the selected volume and all its versions</source>
        <translation>刪除選取的 Volume 及其所有版本</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Make the pending changes one new version (Ctrl+Return)</source>
        <translation>將待提交的變更做成一個新版本（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新載入</translation>
    </message>
    <message>
        <source>Show the newest version; pending changes are kept (F5)</source>
        <translation>顯示最新版本；待提交的變更會保留（F5）</translation>
    </message>
    <message>
        <source>Commit Automatically</source>
        <translation>自動提交</translation>
    </message>
    <message>
        <source>Commit pending changes every few seconds</source>
        <translation>每隔幾秒提交待提交的變更</translation>
    </message>
    <message>
        <source>History</source>
        <translation>歷史</translation>
    </message>
    <message>
        <source>Versions of this volume: browse, compare and restore</source>
        <translation>此 Volume 的版本：瀏覽、比較與還原</translation>
    </message>
    <message>
        <source>Upload Files…</source>
        <translation>上傳檔案…</translation>
    </message>
    <message>
        <source>Add local files to the selected folder</source>
        <translation>將本機檔案加入選取的資料夾</translation>
    </message>
    <message>
        <source>Upload Folder…</source>
        <translation>上傳資料夾…</translation>
    </message>
    <message>
        <source>Add a local folder to the selected folder</source>
        <translation>將本機資料夾加入選取的資料夾</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>下載…</translation>
    </message>
    <message>
        <source>Save the selected files or folders to this computer</source>
        <translation>將選取的檔案或資料夾儲存到這台電腦</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>新增資料夾</translation>
    </message>
    <message>
        <source>Add an empty folder in the selected folder</source>
        <translation>在選取的資料夾中新增空資料夾</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Rename the selected file or folder (F2)</source>
        <translation>重新命名選取的檔案或資料夾（F2）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Delete the selected files or folders at the next commit (Del)</source>
        <translation>在下次提交時刪除選取的檔案或資料夾（Del）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy the selected file or folder inside the volume</source>
        <translation>在 Volume 內複製選取的檔案或資料夾</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>篩選</translation>
    </message>
    <message>
        <source>Show only names containing a text (Ctrl+F)</source>
        <translation>只顯示名稱包含某段文字的項目（Ctrl+F）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Close Trove</source>
        <translation>關閉 Trove</translation>
    </message>
    <message>
        <source>Retry Listing</source>
        <translation>重新列出</translation>
    </message>
    <message>
        <source>List the selected folder again</source>
        <translation>再次列出選取的資料夾</translation>
    </message>
    <message>
        <source>Discard Change</source>
        <translation>捨棄變更</translation>
    </message>
    <message>
        <source>Drop the selected pending change</source>
        <translation>捨棄選取的待提交變更</translation>
    </message>
    <message>
        <source>About Trove</source>
        <translation>關於 Trove</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本與授權</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>選單列</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Volume</source>
        <translation>Volume(&amp;V)</translation>
    </message>
    <message>
        <source>Vie&amp;w</source>
        <translation>檢視(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具列</translation>
    </message>
</context>
<context>
    <name>trove::ui::MainWindow</name>
    <message>
        <source>Trove</source>
        <translation>Trove</translation>
    </message>
    <message>
        <source>Could not save the pending changes to %1; they are kept while Trove runs. Check that the folder is writable.</source>
        <translation>無法將待提交的變更儲存到 %1；Trove 執行期間會保留它們。請確認該資料夾可寫入。</translation>
    </message>
    <message>
        <source>Automatic commit</source>
        <translation>自動提交</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>Volumes</translation>
    </message>
    <message>
        <source>ephemeral</source>
        <translation>臨時</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>篩選</translation>
    </message>
    <message>
        <source>Filter by name (Ctrl+F)</source>
        <translation>依名稱篩選（Ctrl+F）</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>待提交的變更</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>傳輸</translation>
    </message>
    <message>
        <source>About Trove</source>
        <translation>關於 Trove</translation>
    </message>
    <message>
        <source>Trove %1: versioned volumes for model weights and datasets.</source>
        <translation>Trove %1：為模型權重與資料集提供有版本的 Volume。</translation>
    </message>
    <message>
        <source>Could not list folder &quot;%1&quot; of volume &quot;%2&quot;: %3 Choose Retry Listing from its context menu to try again.</source>
        <translation>無法列出 Volume「%2」的資料夾「%1」：%3 請從它的右鍵選單選擇「重新列出」再試一次。</translation>
    </message>
    <message>
        <source>Downloaded %1</source>
        <translation>已下載 %1</translation>
    </message>
    <message>
        <source>Could not download &quot;%1&quot; from volume &quot;%2&quot;; retry it in the Transfers panel.</source>
        <translation>無法從 Volume「%2」下載「%1」；請在「傳輸」面板重試。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在開啟 %1…</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>正在開啟儲存區…</translation>
    </message>
    <message>
        <source>No store</source>
        <translation>沒有儲存區</translation>
    </message>
    <message>
        <source>The store could not be opened</source>
        <translation>無法開啟儲存區</translation>
    </message>
    <message>
        <source>Could not open the store at %1.</source>
        <translation>無法開啟位於 %1 的儲存區。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Could not list the volumes of %1.</source>
        <translation>無法列出 %1 的 Volume。</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>儲存區：%1</translation>
    </message>
    <message>
        <source>Create a volume, or drop files here to make one</source>
        <translation>建立 Volume，或將檔案拖放到這裡來建立一個</translation>
    </message>
    <message>
        <source>A volume is a versioned folder: every commit is a version you can go back to.</source>
        <translation>Volume 是有版本的資料夾：每次提交都是一個可以回溯的版本。</translation>
    </message>
    <message>
        <source>Could not open volume &quot;%1&quot;.</source>
        <translation>無法開啟 Volume「%1」。</translation>
    </message>
    <message>
        <source>Pending changes (%1)</source>
        <translation>待提交的變更（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) staged; press Commit to make a version</source>
        <translation>
            <numerusform>已暫存 %n 項變更；按「提交」以建立版本</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not commit to volume &quot;%1&quot;; the changes are still pending.</source>
        <translation>無法提交到 Volume「%1」；變更仍待提交。</translation>
    </message>
    <message>
        <source>Committing to %1…</source>
        <translation>正在提交到 %1…</translation>
    </message>
    <message>
        <source>Could not commit to volume &quot;%1&quot;; the changes wait in the Transfers panel.</source>
        <translation>無法提交到 Volume「%1」；變更在「傳輸」面板中等待。</translation>
    </message>
    <message>
        <source>Committed version %1</source>
        <translation>已提交版本 %1</translation>
    </message>
    <message>
        <source>Could not reload volume &quot;%1&quot;.</source>
        <translation>無法重新載入 Volume「%1」。</translation>
    </message>
    <message>
        <source>Reloaded: version %1 is the newest</source>
        <translation>已重新載入：版本 %1 是最新的</translation>
    </message>
    <message>
        <source>Reloaded: now at version %1</source>
        <translation>已重新載入：現在是版本 %1</translation>
    </message>
    <message>
        <source>Trove closes when the commit finishes</source>
        <translation>提交完成後 Trove 將會關閉</translation>
    </message>
    <message>
        <source>Watched Folders</source>
        <translation>監看的資料夾</translation>
    </message>
    <message>
        <source>Read-only store</source>
        <translation>唯讀儲存區</translation>
    </message>
    <message>
        <source>Store %1 is read-only: browsing and downloads work; uploads, commits and deletes are disabled.</source>
        <translation>儲存區 %1 為唯讀：可以瀏覽和下載；上傳、提交和刪除已停用。</translation>
    </message>
    <message>
        <source>Nothing staged: every dropped name was skipped</source>
        <translation>沒有暫存任何變更：拖放的名稱都已略過</translation>
    </message>
</context>
<context>
    <name>trove::ui::PendingChange</name>
    <message>
        <source>Upload file %1</source>
        <translation>上傳檔案 %1</translation>
    </message>
    <message>
        <source>Upload folder %1</source>
        <translation>上傳資料夾 %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>刪除 %1</translation>
    </message>
    <message>
        <source>Copy %1 to %2</source>
        <translation>將 %1 複製到 %2</translation>
    </message>
    <message>
        <source>Move %1 to %2</source>
        <translation>將 %1 移動到 %2</translation>
    </message>
    <message>
        <source>New folder %1</source>
        <translation>新增資料夾 %1</translation>
    </message>
    <message>
        <source>Restore %1 from version %2</source>
        <translation>從版本 %2 還原 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; did not exist in version %2 of volume &quot;%3&quot;</source>
        <translation>Volume「%3」的版本 %2 中沒有「%1」</translation>
    </message>
</context>
<context>
    <name>trove::ui::PendingChangesModel</name>
    <message>
        <source>upload pending</source>
        <translation>待上傳</translation>
    </message>
    <message>
        <source>delete pending</source>
        <translation>待刪除</translation>
    </message>
    <message>
        <source>copy pending</source>
        <translation>待複製</translation>
    </message>
    <message>
        <source>move pending</source>
        <translation>待移動</translation>
    </message>
    <message>
        <source>restore pending</source>
        <translation>待還原</translation>
    </message>
    <message>
        <source>%1 pending inside</source>
        <translation>內含 %1 項待提交</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1（來自 %2）</translation>
    </message>
</context>
<context>
    <name>trove::ui::PendingView</name>
    <message>
        <source>Pending changes</source>
        <translation>待提交的變更</translation>
    </message>
    <message>
        <source>No pending changes.

Drop files on the tree, or use Upload, New Folder, Rename or Delete; the changes wait here until you Commit them as one version.</source>
        <translation>沒有待提交的變更。

將檔案拖放到樹狀檢視，或使用上傳、新增資料夾、重新命名或刪除；變更會在這裡等待，直到您將它們提交為一個版本。</translation>
    </message>
</context>
<context>
    <name>trove::ui::QuitDialog</name>
    <message>
        <source>Pending changes</source>
        <translation>待提交的變更</translation>
    </message>
    <message>
        <source>Volume &quot;%1&quot; has changes that are not committed yet (%2).</source>
        <translation>Volume「%1」有尚未提交的變更（%2）。</translation>
    </message>
    <message>
        <source>Kept changes come back the next time Trove opens this volume.</source>
        <translation>保留的變更會在下次 Trove 開啟此 Volume 時恢復。</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Keep for Next Time</source>
        <translation>保留到下次</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>捨棄</translation>
    </message>
</context>
<context>
    <name>trove::ui::RemoteTreeModel</name>
    <message>
        <source>changed by the last reload</source>
        <translation>在上次重新載入時變更</translation>
    </message>
    <message>
        <source>could not be listed; choose Retry from its context menu</source>
        <translation>無法列出；請從它的右鍵選單選擇「重試」</translation>
    </message>
    <message>
        <source>not listed</source>
        <translation>未列出</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已變更</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改時間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
</context>
<context>
    <name>trove::ui::RemoteTreeView</name>
    <message>
        <source>Files</source>
        <translation>檔案</translation>
    </message>
</context>
<context>
    <name>trove::ui::S3StoreForm</name>
    <message>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. Team weights</source>
        <translation>例如：團隊權重</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>端點(&amp;E)：</translation>
    </message>
    <message>
        <source>empty for AWS S3, or e.g. https://s3.example.com:9000</source>
        <translation>AWS S3 請留空，或例如 https://s3.example.com:9000</translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation>儲存貯體(&amp;B)：</translation>
    </message>
    <message>
        <source>bucket name</source>
        <translation>儲存貯體名稱</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>前綴(&amp;P)：</translation>
    </message>
    <message>
        <source>optional, e.g. trove/</source>
        <translation>選填，例如 trove/</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>區域(&amp;R)：</translation>
    </message>
    <message>
        <source>Addressing</source>
        <translation>定址方式</translation>
    </message>
    <message>
        <source>Path style (endpoint/bucket): Ceph, MinIO</source>
        <translation>路徑樣式（endpoint/bucket）：Ceph、MinIO</translation>
    </message>
    <message>
        <source>Virtual host (bucket.endpoint): AWS</source>
        <translation>虛擬主機（bucket.endpoint）：AWS</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 檔案</translation>
    </message>
    <message>
        <source>optional: PEM file of a private certificate authority</source>
        <translation>選填：私人憑證授權單位的 PEM 檔案</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Browse for a CA file</source>
        <translation>瀏覽 CA 檔案</translation>
    </message>
    <message>
        <source>CA File</source>
        <translation>CA 檔案</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>憑證 (*.pem *.crt);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>&amp;Addressing:</source>
        <translation>定址方式(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 檔案(&amp;C)：</translation>
    </message>
    <message>
        <source>Access &amp;key:</source>
        <translation>存取金鑰(&amp;K)：</translation>
    </message>
    <message>
        <source>kept in the desktop keyring</source>
        <translation>保存在桌面金鑰圈中</translation>
    </message>
    <message>
        <source>&amp;Secret key:</source>
        <translation>秘密金鑰(&amp;S)：</translation>
    </message>
    <message>
        <source>the desktop keyring</source>
        <translation>桌面金鑰圈</translation>
    </message>
    <message>
        <source>Give the store a name.</source>
        <translation>請為儲存區命名。</translation>
    </message>
    <message>
        <source>Enter the bucket of store &quot;%1&quot;.</source>
        <translation>請輸入儲存區「%1」的儲存貯體。</translation>
    </message>
    <message>
        <source>Store &quot;%1&quot;: %2</source>
        <translation>儲存區「%1」：%2</translation>
    </message>
</context>
<context>
    <name>trove::ui::SingleInstance</name>
    <message>
        <source>Trove is already running for this user (process %1); its window was brought to the front</source>
        <translation>此使用者的 Trove 已在執行（行程 %1）；已將它的視窗移到最前面</translation>
    </message>
</context>
<context>
    <name>trove::ui::StatusPanel</name>
    <message>
        <source>Volume: %1</source>
        <translation>Volume：%1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>No version yet</source>
        <translation>尚無版本</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) behind</source>
        <translation>
            <numerusform>落後 %n 個版本</numerusform>
        </translation>
    </message>
    <message>
        <source>Another writer committed; press Reload (F5) to see the newest version</source>
        <translation>另一個寫入者已提交；請按「重新載入」（F5）查看最新版本</translation>
    </message>
    <message>
        <source>Store unreachable</source>
        <translation>無法連線到儲存區</translation>
    </message>
    <message numerus="yes">
        <source>Committing %n change(s)…</source>
        <translation>
            <numerusform>正在提交 %n 項變更…</numerusform>
        </translation>
    </message>
    <message>
        <source>No pending changes</source>
        <translation>沒有待提交的變更</translation>
    </message>
    <message numerus="yes">
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n 項待提交的變更</numerusform>
        </translation>
    </message>
    <message>
        <source>Cache: %1</source>
        <translation>快取：%1</translation>
    </message>
</context>
<context>
    <name>trove::ui::StoreSwitcher</name>
    <message>
        <source>Store</source>
        <translation>儲存區</translation>
    </message>
    <message>
        <source>The store whose volumes are listed below</source>
        <translation>下方列出其 Volume 的儲存區</translation>
    </message>
    <message>
        <source>Stores…</source>
        <translation>儲存區…</translation>
    </message>
    <message>
        <source>Add, edit or remove stores</source>
        <translation>新增、編輯或移除儲存區</translation>
    </message>
    <message>
        <source>%1 (unreachable)</source>
        <translation>%1（無法連線）</translation>
    </message>
</context>
<context>
    <name>trove::ui::StoresDialog</name>
    <message>
        <source>Stores</source>
        <translation>儲存區</translation>
    </message>
    <message>
        <source>&amp;Add S3 Store</source>
        <translation>新增 S3 儲存區(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>測試連線(&amp;T)</translation>
    </message>
    <message>
        <source>Connection test results</source>
        <translation>連線測試結果</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;The embedded store on this computer, in %2. It is always there and needs no set-up.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;這台電腦上的內建儲存區，位於 %2。它一直都在，不需要設定。</translation>
    </message>
    <message>
        <source>New S3 store</source>
        <translation>新的 S3 儲存區</translation>
    </message>
    <message>
        <source>Store settings</source>
        <translation>儲存區設定</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>正在測試與 %1 的連線…</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>連線測試</translation>
    </message>
    <message>
        <source>Not tested</source>
        <translation>尚未測試</translation>
    </message>
    <message>
        <source>The keys could not be saved in the desktop keyring: %1 Trove keeps S3 keys only there; unlock or start the keyring and save again.</source>
        <translation>無法將金鑰儲存到桌面金鑰圈：%1 Trove 只將 S3 金鑰保存在那裡；請解鎖或啟動金鑰圈後再儲存一次。</translation>
    </message>
    <message>
        <source>The store list could not be written to %1; check that the folder is writable.</source>
        <translation>無法將儲存區清單寫入 %1；請確認該資料夾可寫入。</translation>
    </message>
</context>
<context>
    <name>trove::ui::TensorDiffDialog</name>
    <message>
        <source>Tensors of %1: version %2 → %3</source>
        <translation>%1 的張量：版本 %2 → %3</translation>
    </message>
    <message>
        <source>Reading the two headers…</source>
        <translation>正在讀取兩個標頭…</translation>
    </message>
    <message>
        <source>Cannot compare the tensors: %1</source>
        <translation>無法比較張量：%1</translation>
    </message>
    <message>
        <source>No tensor differs between the two versions.</source>
        <translation>兩個版本之間沒有不同的張量。</translation>
    </message>
    <message>
        <source>Tensors that differ: %1. Found from the two headers and the chunk references, without downloading the files.</source>
        <translation>不同的張量：%1。由兩個標頭與區塊參照找出，無需下載檔案。</translation>
    </message>
</context>
<context>
    <name>trove::ui::TensorDiffModel</name>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>reshaped</source>
        <translation>形狀改變</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已變更</translation>
    </message>
    <message>
        <source>changed here or next to it</source>
        <translation>此處或相鄰處已變更</translation>
    </message>
    <message>
        <source>Its own chunks are the same, but a chunk it shares with a neighbouring tensor differs: this tensor or its neighbour changed at their common edge.</source>
        <translation>它自己的區塊相同，但與相鄰張量共用的區塊不同：此張量或相鄰張量在兩者交界處有變更。</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>張量</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>變更</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之後</translation>
    </message>
</context>
<context>
    <name>trove::ui::TensorTableModel</name>
    <message>
        <source>Tensor</source>
        <translation>張量</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形狀</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
</context>
<context>
    <name>trove::ui::TransferQueueModel</name>
    <message>
        <source>Queued</source>
        <translation>已排入佇列</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>執行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Download %1 from %2</source>
        <translation>從 %2 下載 %1</translation>
    </message>
    <message>
        <source>Commit to %1: %2</source>
        <translation>提交到 %1：%2</translation>
    </message>
    <message>
        <source>Upload %1 to %2</source>
        <translation>將 %1 上傳到 %2</translation>
    </message>
    <message>
        <source>Upload %1 items to %2</source>
        <translation>將 %1 個項目上傳到 %2</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>停滯</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小時 %2 分</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <source>Done/Total</source>
        <translation>完成/總計</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩餘時間</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 / %n file(s)</source>
        <translation>
            <numerusform>%1 / %n 個檔案</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1 sent</source>
        <translation>完成：已傳送 %1</translation>
    </message>
    <message>
        <source>Done: %1 sent, %2 already stored</source>
        <translation>完成：已傳送 %1，儲存區已有 %2</translation>
    </message>
    <message>
        <source>Checking: %1 already stored, %2 new</source>
        <translation>檢查中：儲存區已有 %1，新資料 %2</translation>
    </message>
    <message>
        <source>Sending %1 new, %2 already stored</source>
        <translation>傳送中：新資料 %1，儲存區已有 %2</translation>
    </message>
    <message>
        <source>%1 of new data was sent. %2 was already in the store and was not sent again.</source>
        <translation>已傳送 %1 新資料。%2 已在儲存區中，沒有再次傳送。</translation>
    </message>
    <message>
        <source>Checked %1 of %2: %3 is already in the store and is not sent again; %4 is new and is sent.</source>
        <translation>已檢查 %1（共 %2）：%3 已在儲存區中，不會再次傳送；%4 是新資料，會傳送。</translation>
    </message>
</context>
<context>
    <name>trove::ui::TransferScheduler</name>
    <message>
        <source>The stored steps of batch %1 could not be read: %2</source>
        <translation>無法讀取批次 %1 已儲存的步驟：%2</translation>
    </message>
    <message>
        <source>No transfers</source>
        <translation>沒有傳輸</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s)</source>
        <translation>
            <numerusform>%n 個傳輸</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 %, %3/s</source>
        <translation>%1，%2%，%3/s</translation>
    </message>
</context>
<context>
    <name>trove::ui::TransferView</name>
    <message>
        <source>Transfers panel</source>
        <translation>傳輸面板</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>傳輸</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開啟(&amp;O)</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>在資料夾中顯示(&amp;F)</translation>
    </message>
    <message>
        <source>No transfers. Commits upload from here, and downloads (Download…, or files dragged out of the tree) show their progress here.</source>
        <translation>沒有傳輸。提交會從這裡上傳，下載（「下載…」或從樹狀檢視拖出的檔案）的進度也會顯示在這裡。</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>trove::ui::VolumeCommands</name>
    <message>
        <source>Could not create volume &quot;%1&quot;.</source>
        <translation>無法建立 Volume「%1」。</translation>
    </message>
    <message>
        <source>Could not rename volume &quot;%1&quot; to &quot;%2&quot;.</source>
        <translation>無法將 Volume「%1」重新命名為「%2」。</translation>
    </message>
    <message>
        <source>Could not fork volume &quot;%1&quot; into &quot;%2&quot;.</source>
        <translation>無法將 Volume「%1」複刻為「%2」。</translation>
    </message>
    <message>
        <source>Delete Volume</source>
        <translation>刪除 Volume</translation>
    </message>
    <message>
        <source>Delete volume &quot;%1&quot; and all its versions? Its data is freed at the next garbage collection; this cannot be undone.</source>
        <translation>要刪除 Volume「%1」及其所有版本嗎？它的資料會在下次垃圾收集時釋放；此操作無法復原。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Could not delete volume &quot;%1&quot;.</source>
        <translation>無法刪除 Volume「%1」。</translation>
    </message>
</context>
<context>
    <name>trove::ui::VolumeDialog</name>
    <message>
        <source>New Volume</source>
        <translation>新增 Volume</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>Rename Volume</source>
        <translation>重新命名 Volume</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Fork Volume</source>
        <translation>複刻 Volume</translation>
    </message>
    <message>
        <source>Fork</source>
        <translation>複刻</translation>
    </message>
    <message>
        <source>A new volume starting from the newest version of &quot;%1&quot;; no data is copied.</source>
        <translation>以「%1」的最新版本為起點的新 Volume；不會複製資料。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>v2 (up to 1 TiB per file, any number of files)</source>
        <translation>v2（每個檔案最多 1 TiB，檔案數不限）</translation>
    </message>
    <message>
        <source>v1 (compatible with older clients)</source>
        <translation>v1（相容於舊版用戶端）</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>trove::ui::VolumeListModel</name>
    <message>
        <source>Format v%1, ephemeral, created %2</source>
        <translation>格式 v%1，臨時，建立於 %2</translation>
    </message>
    <message>
        <source>Format v%1, created %2</source>
        <translation>格式 v%1，建立於 %2</translation>
    </message>
</context>
<context>
    <name>trove::ui::WatchedFolderModel</name>
    <message>
        <source>removing: last commit</source>
        <translation>移除中：最後一次提交</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>啟動中</translation>
    </message>
    <message>
        <source>Volume &quot;%1&quot;, folder /%2, on %3</source>
        <translation>%3 上 Volume「%1」的資料夾 /%2</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
</context>
<context>
    <name>trove::ui::WatchedFolders</name>
    <message>
        <source>Could not save the list of watched folders to %1; they stay watched while Trove runs. Check that the folder is writable.</source>
        <translation>無法將監看的資料夾清單儲存到 %1；Trove 執行期間會繼續監看。請確認該資料夾可寫入。</translation>
    </message>
    <message>
        <source>%1 is watched already; its state is in the list of watched folders.</source>
        <translation>%1 已在監看中；它的狀態顯示在監看的資料夾清單中。</translation>
    </message>
    <message>
        <source>Could not bind folder %1 to volume &quot;%2&quot;.</source>
        <translation>無法將資料夾 %1 繫結到 Volume「%2」。</translation>
    </message>
    <message>
        <source>Watched folder %1 is not kept in sync: %2. Trove tries again every few seconds; the Watched Folders panel shows its state.</source>
        <translation>監看的資料夾 %1 未保持同步：%2。Trove 每隔幾秒會再試一次；「監看的資料夾」面板會顯示它的狀態。</translation>
    </message>
</context>
<context>
    <name>trove::ui::WatchedFoldersView</name>
    <message>
        <source>Keep a local folder in sync with a volume</source>
        <translation>讓本機資料夾與 Volume 保持同步</translation>
    </message>
    <message>
        <source>No watched folders. Add a folder to keep it in sync with a volume.</source>
        <translation>沒有監看的資料夾。新增一個資料夾，讓它與 Volume 保持同步。</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>加入資料夾…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Stop committing and reloading this folder for now</source>
        <translation>暫時停止提交與重新載入此資料夾</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <source>Commit what changed meanwhile and keep the folder in sync again</source>
        <translation>提交期間的變更，並讓資料夾再次保持同步</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Stop watching this folder; its files stay</source>
        <translation>停止監看此資料夾；其中的檔案會保留</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>開啟資料夾</translation>
    </message>
    <message>
        <source>Show the folder in the file manager</source>
        <translation>在檔案管理員中顯示此資料夾</translation>
    </message>
    <message>
        <source>Watched folders</source>
        <translation>監看的資料夾</translation>
    </message>
    <message>
        <source>Binding progress</source>
        <translation>繫結進度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop binding the folder</source>
        <translation>停止繫結此資料夾</translation>
    </message>
    <message>
        <source>%1 to volume &quot;%2&quot;</source>
        <translation>%1 到 Volume「%2」</translation>
    </message>
    <message>
        <source>Remove Watched Folder</source>
        <translation>移除監看的資料夾</translation>
    </message>
    <message>
        <source>Stop keeping %1 in sync? What changed is committed one last time first. The folder and its files stay on this computer, and the volume keeps its versions.</source>
        <translation>要停止讓 %1 保持同步嗎？會先最後一次提交變更。資料夾及其檔案會留在這台電腦上，Volume 也會保留它的版本。</translation>
    </message>
    <message>
        <source>Watched Folders</source>
        <translation>監看的資料夾</translation>
    </message>
    <message>
        <source>Folders kept in sync with a volume</source>
        <translation>與 Volume 保持同步的資料夾</translation>
    </message>
    <message>
        <source>Binding %1…</source>
        <translation>正在繫結 %1…</translation>
    </message>
    <message>
        <source>Binding %1: %2 of %3 files</source>
        <translation>正在繫結 %1：%2 / %3 個檔案</translation>
    </message>
</context>
<context>
    <name>trove::ui::WelcomePage</name>
    <message>
        <source>New Volume…</source>
        <translation>新增 Volume…</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>歡迎</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Create a volume, or drop files here to make one</source>
        <translation>建立 Volume，或將檔案拖放到這裡來建立一個</translation>
    </message>
    <message>
        <source>A volume is a versioned folder: every commit is a version you can go back to.</source>
        <translation>Volume 是有版本的資料夾：每次提交都是一個可以回溯的版本。</translation>
    </message>
</context>
</TS>
