#pragma once

#include "FileFacts.h"
#include "VersionLog.h"

#include <QWidget>
#include <memory>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace trove::ui {

class MainWindow;
class TensorTableModel;

// The selected file, in detail: size, modified, mode, chunks, the bytes it shares with other
// files of its volume and of the store, the versions in which it changed; for a .safetensors
// file its tensors (from one ranged read of the header), for a small text file a preview.
// Every read runs on EnginePool; selecting another file cancels the walks still running.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);
    ~DetailsPane() override;

    // Adds the pane to `window` as a dock that follows the selected file.
    static DetailsPane *install(MainWindow *window);

    void showFile(std::shared_ptr<Repository> repo, const VolumeInfo &volume, const VersionRecord &record, const QString &path);
    void clear();

    // For tests and the screenshot tour: what a user reads.
    QString path() const { return m_path; }
    bool isBusy() const { return m_pending > 0; }
    TensorTableModel *tensorModel() const { return m_tensors; }
    QTableView *tensorView() const { return m_tensorView; }
    QString fieldText(const QString &objectName) const;
    QString messageText() const;
    QString previewText() const;
    QString parametersText() const;
    QPushButton *compareButton() const { return m_compare; }

private:
    void showEntry(const TreeEntry &entry, const QList<Ref> &chunks);
    void loadContent(const TreeEntry &entry);
    void loadSharing(const QList<Ref> &chunks, qint64 fileSize);
    void loadHistory();
    void showHeader(const safetensors::Header &header);
    void setField(const QString &objectName, const QString &text);
    void showMessage(const QString &text);
    void updateCompare();
    void compareTensors();
    // Runs `work` on EnginePool for the file shown now; `done` is dropped if another is shown by then.
    template<typename Work, typename Done>
    void run(Work work, Done done);

    std::shared_ptr<Repository> m_repo;
    VolumeInfo m_volume;
    VersionRecord m_record;
    QString m_path;
    quint64 m_request = 0;
    int m_pending = 0;
    CancelFlag m_cancel;
    QList<qint64> m_changedIn;

    QLabel *m_title;
    QFormLayout *m_form;
    QLabel *m_message;
    QStackedWidget *m_content;
    QLabel *m_parameters;
    QLabel *m_metadata;
    TensorTableModel *m_tensors;
    QTableView *m_tensorView;
    QPlainTextEdit *m_preview;
    QPushButton *m_compare;
};

} // namespace trove::ui
