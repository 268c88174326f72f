// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace mts {

namespace {

constexpr int previewRows = 50;
// Lines offered for the column titles: read() looks at the first ten, a cadre may go a little further.
constexpr int headerChoices = 20;
// Problems listed at most; the summary counts them all.
constexpr int listedProblems = 500;

bool importable(const RecordField &field)
{
    return field.type != FieldType::Reference && field.type != FieldType::Blob;
}

} // namespace

ImportDialog::ImportDialog(
    const QString &replicaPath, const QByteArray &dataKey, const QString &kind, const QString &scope, QWidget *parent)
    : QDialog(parent)
    , m_replicaPath(replicaPath)
    , m_dataKey(dataKey)
    , m_kind(kind)
    , m_scope(scope)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import from a CSV file: %1").arg(FieldLabels::kindTitle(kind)));

    m_choose = new QPushButton(tr("&Choose a file…"), this);
    m_choose->setObjectName(QStringLiteral("chooseFile"));
    m_fileLabel = new QLabel(tr("Save the list from Excel as \"CSV UTF-8\". The line with the column titles is found "
                                "below the list's own title; choose another one below if needed."),
        this);
    m_fileLabel->setWordWrap(true);
    m_headerLine = new QComboBox(this);
    m_headerLine->setObjectName(QStringLiteral("headerLine"));
    m_headerLine->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_headerLine->setMinimumContentsLength(40);
    auto *headerLabel = new QLabel(tr("Column titles on &line:"), this);
    headerLabel->setBuddy(m_headerLine);
    m_preview = new QTableWidget(this);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setVisible(false);
    m_preview->setAccessibleName(tr("The file's first rows; the lists in the first row say which field each column "
                                    "fills"));
    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setAccessibleName(tr("Problems found in the file"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_onlyValid = new QCheckBox(tr("Import &only the valid rows"), this);
    m_onlyValid->setObjectName(QStringLiteral("onlyValidRows"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->hide();
    m_import = new QPushButton(tr("&Import"), this);
    m_import->setObjectName(QStringLiteral("startImport"));
    m_import->setDefault(true);
    m_close = new QPushButton(tr("Close"), this);
    m_close->setObjectName(QStringLiteral("closeImport"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_choose);
    top->addWidget(m_fileLabel, 1);
    auto *titles = new QHBoxLayout;
    titles->addWidget(headerLabel);
    titles->addWidget(m_headerLine, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_onlyValid);
    bottom->addWidget(m_progress, 1);
    bottom->addStretch();
    bottom->addWidget(m_import);
    bottom->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(titles);
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems, 2);
    layout->addLayout(bottom);
    resize(900, 640);

    connect(m_choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose the list to import"), QString(), tr("CSV files (*.csv *.txt)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(m_headerLine, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setHeaderLine(m_headerLine->itemData(index).toInt());
    });
    connect(m_onlyValid, &QCheckBox::toggled, this, &ImportDialog::updateButtons);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_close, &QPushButton::clicked, this, &ImportDialog::reject);
    updateButtons();
}

ImportDialog::~ImportDialog()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
    }
}

bool ImportDialog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("The file %1 cannot be opened: %2.").arg(path, file.errorString()));
        m_file.reset();
        showHeaderLines();
        showPreview();
        return false;
    }
    // The cadre's titles are Vietnamese words: the field labels and the choices' labels are what they write.
    QHash<QString, QStringList> aliases;
    if (const RecordKind *kind = RecordSchema::registry().kind(m_kind)) {
        for (const RecordField &field : kind->fields)
            aliases[field.name].append(FieldLabels::field(m_kind, field.name));
    }
    auto read = RecordImport::read(file.readAll(), m_kind, aliases);
    if (!read) {
        switch (read.error().code) {
        case RecordImport::Error::Empty:
            m_summary->setText(tr("The file %1 holds no rows.").arg(QFileInfo(path).fileName()));
            break;
        case RecordImport::Error::Unreadable:
            m_summary->setText(tr("The file %1 is not a CSV file in UTF-8 (%2). In Excel, save it again as \"CSV "
                                  "UTF-8 (comma delimited)\".")
                                   .arg(QFileInfo(path).fileName(), read.error().message));
            break;
        case RecordImport::Error::UnknownKind:
            m_summary->setText(read.error().message);
            break;
        }
        m_file.reset();
        showHeaderLines();
        showPreview();
        return false;
    }
    m_file = std::move(read).value();
    m_fileLabel->setText(QFileInfo(path).fileName());
    showHeaderLines();
    showPreview();
    check();
    return true;
}

void ImportDialog::setColumnField(int column, const QString &field)
{
    if (!m_file)
        return;
    QStringList mapping = m_file->mapping();
    if (column < 0 || column >= mapping.size())
        return;
    mapping[column] = field;
    m_file->setMapping(mapping);
    if (auto *combo = qobject_cast<QComboBox *>(m_preview->cellWidget(0, column))) {
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(std::max(0, combo->findData(field)));
    }
    check();
}

void ImportDialog::setHeaderLine(int line)
{
    if (!m_file)
        return;
    const int choices = int(std::min<qsizetype>(m_file->nonBlankLineCount(), headerChoices));
    for (int index = 0; index < choices; ++index) {
        if (m_file->nonBlankLine(index).line != line)
            continue;
        if (index != m_file->headerRow()) {
            m_file->setHeaderRow(index);
            showPreview();
            check();
        }
        const QSignalBlocker blocker(m_headerLine);
        m_headerLine->setCurrentIndex(m_headerLine->findData(line));
        return;
    }
}

void ImportDialog::showHeaderLines()
{
    const QSignalBlocker blocker(m_headerLine);
    m_headerLine->clear();
    if (!m_file) {
        updateButtons();
        return;
    }
    const int choices = int(std::min<qsizetype>(m_file->nonBlankLineCount(), headerChoices));
    for (int index = 0; index < choices; ++index) {
        const CsvRow &line = m_file->nonBlankLine(index);
        QStringList cells;
        for (const QString &cell : line.cells) {
            if (const QString text = cell.simplified(); !text.isEmpty())
                cells.append(text);
        }
        // The line as the cadre knows it from Excel, shortened: enough to tell the titles from the list's title.
        const QString text = m_headerLine->fontMetrics().elidedText(
            tr("Line %1: %2").arg(line.line).arg(cells.join(QStringLiteral(" | "))), Qt::ElideRight, 600);
        m_headerLine->addItem(text, line.line);
    }
    m_headerLine->setCurrentIndex(m_file->headerRow());
    updateButtons();
}

void ImportDialog::showPreview()
{
    m_preview->clear();
    if (!m_file) {
        m_preview->setRowCount(0);
        m_preview->setColumnCount(0);
        m_problems->clear();
        m_checked.clear();
        m_validRows = 0;
        updateButtons();
        return;
    }
    const QStringList header = m_file->header();
    const qsizetype rows = std::min<qsizetype>(m_file->rowCount(), previewRows);
    m_preview->setColumnCount(int(header.size()));
    m_preview->setRowCount(int(rows) + 1);
    m_preview->setHorizontalHeaderLabels(header);
    const RecordKind *kind = RecordSchema::registry().kind(m_kind);
    const QStringList mapping = m_file->mapping();
    for (int column = 0; column < header.size(); ++column) {
        auto *combo = new QComboBox(m_preview);
        combo->setObjectName(QStringLiteral("column%1").arg(column));
        combo->addItem(tr("(do not import)"), QString());
        if (m_file->acceptsFullName())
            combo->addItem(tr("Full name (split into surname, middle name, given name)"), RecordImport::fullNameField);
        if (kind) {
            for (const RecordField &field : kind->fields) {
                if (importable(field))
                    combo->addItem(FieldLabels::field(m_kind, field.name), field.name);
            }
        }
        combo->setCurrentIndex(std::max(0, combo->findData(mapping.value(column))));
        connect(combo, &QComboBox::currentIndexChanged, this,
            [this, column, combo] { setColumnField(column, combo->currentData().toString()); });
        m_preview->setCellWidget(0, column, combo);
        for (int row = 0; row < rows; ++row)
            m_preview->setItem(row + 1, column, new QTableWidgetItem(m_file->row(row).cells.value(column)));
    }
    m_preview->resizeColumnsToContents();
}

void ImportDialog::check()
{
    m_problems->clear();
    m_checked.clear();
    m_validRows = 0;
    if (!m_file) {
        updateButtons();
        return;
    }
    QHash<QString, QHash<QString, QString>> valueAliases;
    if (const RecordKind *kind = RecordSchema::registry().kind(m_kind)) {
        for (const RecordField &field : kind->fields) {
            for (const QString &value : field.values)
                valueAliases[field.name].insert(FieldLabels::value(m_kind, field.name, value), value);
        }
    }
    m_checked = m_file->check(valueAliases);
    int problems = 0;
    for (const RecordImport::CheckedRow &row : std::as_const(m_checked)) {
        if (row.problems.isEmpty()) {
            ++m_validRows;
            continue;
        }
        for (const FieldProblem &problem : row.problems) {
            if (++problems <= listedProblems) {
                m_problems->addItem(
                    tr("Line %1, %2: %3")
                        .arg(row.line)
                        .arg(FieldLabels::field(m_kind, problem.field), FieldLabels::problem(m_kind, problem)));
            }
        }
    }
    const int bad = int(m_checked.size()) - m_validRows;
    m_summary->setText(bad == 0 ? tr("%1 rows, all valid.").arg(m_checked.size())
                                : tr("%1 rows: %2 valid, %3 with problems (listed below). Correct the file and choose "
                                     "it again, or import only the valid rows.")
                                      .arg(m_checked.size())
                                      .arg(m_validRows)
                                      .arg(bad));
    updateButtons();
}

QString ImportDialog::summary() const
{
    return m_summary->text();
}

void ImportDialog::updateButtons()
{
    const bool idle = m_thread == nullptr;
    const bool hasProblems = m_validRows < m_checked.size();
    m_onlyValid->setEnabled(idle && hasProblems && m_validRows > 0);
    m_import->setEnabled(idle && m_validRows > 0 && (!hasProblems || m_onlyValid->isChecked()));
    m_choose->setEnabled(idle);
    m_preview->setEnabled(idle);
    m_headerLine->setEnabled(idle && m_file.has_value());
    m_close->setText(idle ? tr("Close") : tr("Cancel"));
}

void ImportDialog::startImport()
{
    if (m_thread || !m_import->isEnabled())
        return;
    QList<QJsonObject> records;
    records.reserve(m_validRows);
    for (const RecordImport::CheckedRow &row : std::as_const(m_checked)) {
        if (row.problems.isEmpty())
            records.append(row.fields);
    }
    m_cancel = false;
    m_imported = -1;
    m_progress->setRange(0, int(records.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_summary->setText(tr("Importing %1 records…").arg(records.size()));
    // Its own connection on its own thread, one transaction: the window's connection keeps reading meanwhile, and
    // a cancel or a failure leaves the replica as it was.
    m_thread = QThread::create([this, records, path = m_replicaPath, key = m_dataKey, kind = m_kind, scope = m_scope] {
        ReplicaStore store(path, key);
        if (auto opened = store.open(); !opened) {
            QMetaObject::invokeMethod(
                this, [this, message = opened.error().message] { importDone(0, false, message); });
            return;
        }
        const auto written = RecordImport::write(store, kind, scope, records, [this](int done, int total) {
            QMetaObject::invokeMethod(this, [this, done, total] { importProgress(done, total); });
            return !m_cancel;
        });
        if (written) {
            QMetaObject::invokeMethod(this, [this, count = written.value()] { importDone(count, false, {}); });
        } else {
            const bool cancelled = written.error().code == RecordImport::WriteError::Cancelled;
            QMetaObject::invokeMethod(
                this, [this, cancelled, message = written.error().message] { importDone(0, cancelled, message); });
        }
    });
    connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    m_thread->start();
    updateButtons();
}

void ImportDialog::cancelImport()
{
    if (m_thread)
        m_cancel = true;
}

void ImportDialog::importProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void ImportDialog::importDone(int imported, bool cancelled, const QString &error)
{
    if (m_thread) {
        m_thread->wait();
        m_thread = nullptr;
    }
    m_progress->hide();
    m_imported = imported;
    QString message;
    if (cancelled)
        message = tr("Import cancelled: nothing was imported.");
    else if (!error.isEmpty())
        message = tr("The import failed: %1. Nothing was imported; try again.").arg(error);
    else
        message = tr("%1 records imported. They are sent to the server at the next sync.").arg(imported);
    m_summary->setText(message);
    if (imported > 0) {
        // Imported once: choosing the file again is what imports it twice, not a second click.
        m_file.reset();
        m_checked.clear();
        m_validRows = 0;
    }
    updateButtons();
    Q_EMIT importEnded(imported, cancelled || !error.isEmpty() ? message : QString());
}

void ImportDialog::reject()
{
    if (m_thread) {
        cancelImport();
        return;
    }
    QDialog::reject();
}

} // namespace mts
