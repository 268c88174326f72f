// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modulepage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace mts {

ModulePage::ModulePage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_description(new QLabel(description, this))
{
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_description->setObjectName(QStringLiteral("description"));
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);

    auto *availability = new QLabel(tr("This part is not available in this version yet."), this);
    availability->setObjectName(QStringLiteral("availability"));
    availability->setTextFormat(Qt::PlainText);
    availability->setWordWrap(true);
    QFont availabilityFont = availability->font();
    availabilityFont.setItalic(true);
    availability->setFont(availabilityFont);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addWidget(availability);
    layout->addStretch();
}

QString ModulePage::title() const
{
    return m_title->text();
}

QString ModulePage::description() const
{
    return m_description->text();
}

} // namespace mts
