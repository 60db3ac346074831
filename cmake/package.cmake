# SPDX-License-Identifier: GPL-2.0-or-later
# Debian packages with CPack, one per component (cpack -G DEB in a build tree configured with
# -DCMAKE_INSTALL_PREFIX=/usr; scripts/deb-check.sh builds, installs and removes them):
#   newsidx          the programs, the shared library, man pages (1), completion, documents
#   libnewsidx-dev   the header, the static library, pkg-config and CMake files, libnewsidx(3)
# Dependencies come from dpkg-shlibdeps; the shared library gets a shlibs file.
set(NEWSIDX_MAINTAINER "newsidx developers <newsidx@example.org>" CACHE STRING
  "Maintainer of the Debian packages (Name <address>)")
set(NX_DEB_VERSION ${PROJECT_VERSION}-1)

set(CPACK_PACKAGE_NAME newsidx)
set(CPACK_PACKAGE_VENDOR "The newsidx authors")
set(CPACK_PACKAGE_CONTACT ${NEWSIDX_MAINTAINER})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON) # debugging symbols stay out of the packages
set(CPACK_COMPONENTS_ALL newsidx dev)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${NEWSIDX_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/newsidx/newsidx")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# The shared library's package activates the ldconfig trigger (lintian: lacks-ldconfig-trigger);
# CPack also runs ldconfig from postinst and postrm, which lintian warns is redundant.
set(CPACK_DEBIAN_NEWSIDX_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/triggers)
set(CPACK_DEBIAN_NEWSIDX_PACKAGE_NAME newsidx)
set(CPACK_DEBIAN_NEWSIDX_PACKAGE_SECTION utils)
# Descriptions: the synopsis, then lines short enough for lintian (under 80 columns).
set(CPACK_DEBIAN_NEWSIDX_DESCRIPTION "passage search for news archives, on Xapian
newsidx indexes news archives (text, JSON Lines, HTML pages, WARC web
archives, gzip or not) as paragraph-sized passages tagged with actors and
topics, in a Xapian index, and finds the passages where something was said.
This package holds newsidx-index, newsidx-query, the HTTP JSON API
newsidx-serve and the shared library libnewsidx they are built on.")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnewsidx-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "newsidx (= ${NX_DEB_VERSION})")
set(CPACK_DEBIAN_DEV_DESCRIPTION "passage search for news archives - development files
The header, the static library, the pkg-config file and the CMake package
of libnewsidx, to embed newsidx's indexing and passage search in a program
(see libnewsidx(3)).")

# Debian's copyright file and changelog in each package's documents folder; only the packages
# carry them (EXCLUDE_FROM_ALL: not `cmake --install`).
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in
  ${PROJECT_BINARY_DIR}/packaging/changelog.Debian @ONLY)
execute_process(COMMAND gzip -9nkf ${PROJECT_BINARY_DIR}/packaging/changelog.Debian)
foreach(comp newsidx dev)
  set(pkg newsidx)
  if(comp STREQUAL dev)
    set(pkg libnewsidx-dev)
  endif()
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright
    ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg} COMPONENT ${comp} EXCLUDE_FROM_ALL)
endforeach()
include(CPack)
