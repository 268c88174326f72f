# SPDX-FileCopyrightText: Mặt trận số contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE).
# CPackDeb prepends CPACK_PACKAGE_DESCRIPTION_SUMMARY to every component's description, which would
# give the client and the server the same synopsis. Each component description starts with its own
# synopsis line, so the DEB generator does without the shared summary.
if(CPACK_GENERATOR STREQUAL "DEB")
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()

# `cpack -G NSIS` on Linux is only a smoke test of the Windows installer settings: the server
# component carries Linux files with an absolute destination (/etc), which NSIS refuses.
if(CPACK_GENERATOR STREQUAL "NSIS" AND NOT CPACK_SYSTEM_NAME MATCHES "^win")
    set(CPACK_COMPONENTS_ALL client)
endif()
