# ops: install rules (FHS) and the Debian packages CPack builds from them (docs/operations.md,
# Install). `cpack -G DEB` in a build tree writes three packages:
#   jiuzhu-common  /usr/share/jiuzhu/assets (regions, holidays, policies, strings, samples)
#   jiuzhu-server  /usr/bin/jiuzhu-server, its systemd unit, /etc/jiuzhu/server.conf; the
#                  `jiuzhu` system user (postinst), data in /var/lib/jiuzhu
#   jiuzhu-kiosk   /usr/bin/jiuzhu-kiosk, -print, -idcard, -scan; the cage session unit, screen
#                  timers, udev rules, PAM service, printer and key-sealing scripts; the
#                  `jiuzhu-kiosk` user (postinst), data in /var/lib/jiuzhu-kiosk
# Programs find their assets through PREFIX/share/jiuzhu/assets (core/regions.cpp assets_dir).
# Packaging installs what is built; it does not build all tests and benchmarks first
# (deploy/host/test-packages builds the programs it packs).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
set(JIUZHU_HOST ${PROJECT_SOURCE_DIR}/deploy/host)
set(JIUZHU_DOCS ${PROJECT_SOURCE_DIR}/docs)

# Debian wants a changelog in each package: one entry naming the version.
string(TIMESTAMP JIUZHU_CHANGELOG_DATE "%a, %d %b %Y 00:00:00 +0000" UTC)
file(WRITE ${CMAKE_BINARY_DIR}/packaging/changelog
     "jiuzhu (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
     "  * Built by CPack from the Jiuzhu source tree (docs/operations.md).\n\n"
     " -- Jiuzhu maintainers <jiuzhu@example.org>  ${JIUZHU_CHANGELOG_DATE}\n")
execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/packaging/changelog)
set(JIUZHU_CHANGELOG ${CMAKE_BINARY_DIR}/packaging/changelog.gz)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/jiuzhu/assets COMPONENT common)
install(FILES ${JIUZHU_HOST}/copyright ${JIUZHU_CHANGELOG} DESTINATION share/doc/jiuzhu-common COMPONENT common)

if(TARGET jiuzhu-server)
  install(TARGETS jiuzhu-server RUNTIME DESTINATION bin COMPONENT server)
  install(FILES ${JIUZHU_HOST}/server/jiuzhu-server.service ${JIUZHU_HOST}/server/jiuzhu-backup.service
                ${JIUZHU_HOST}/server/jiuzhu-backup.timer ${JIUZHU_HOST}/server/jiuzhu-audit-verify.service
                ${JIUZHU_HOST}/server/jiuzhu-audit-verify.timer
          DESTINATION /lib/systemd/system COMPONENT server)
  install(FILES ${JIUZHU_HOST}/server/server.conf DESTINATION /etc/jiuzhu COMPONENT server)
  install(FILES ${JIUZHU_HOST}/copyright ${JIUZHU_CHANGELOG} ${JIUZHU_DOCS}/operations.md ${JIUZHU_DOCS}/api.md
          DESTINATION share/doc/jiuzhu-server COMPONENT server)
  # ops: PgBouncer for PostgreSQL installations (session pooling; docs/operations.md, A province).
  install(FILES ${JIUZHU_HOST}/server/pgbouncer.ini DESTINATION share/doc/jiuzhu-server/examples COMPONENT server)
endif()

if(TARGET jiuzhu-kiosk)
  set(JIUZHU_KIOSK_PROGRAMS jiuzhu-kiosk)
  foreach(program jiuzhu-print jiuzhu-idcard jiuzhu-scan)
    if(TARGET ${program})
      list(APPEND JIUZHU_KIOSK_PROGRAMS ${program})
    endif()
  endforeach()
  install(TARGETS ${JIUZHU_KIOSK_PROGRAMS} RUNTIME DESTINATION bin COMPONENT kiosk)
  install(PROGRAMS ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen-schedule
                   ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-seal-key ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-setup-printer
          DESTINATION sbin COMPONENT kiosk)
  install(FILES ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-session.service
                ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen-on.service ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen-off.service
                ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen-on.timer ${JIUZHU_HOST}/kiosk/jiuzhu-kiosk-screen-off.timer
          DESTINATION /lib/systemd/system COMPONENT kiosk)
  install(FILES ${JIUZHU_HOST}/kiosk/60-jiuzhu-kiosk.rules DESTINATION /lib/udev/rules.d COMPONENT kiosk)
  install(FILES ${JIUZHU_HOST}/kiosk/pam.jiuzhu-kiosk DESTINATION /etc/pam.d RENAME jiuzhu-kiosk COMPONENT kiosk)
  install(FILES ${JIUZHU_HOST}/kiosk/kiosk.env DESTINATION /etc/jiuzhu COMPONENT kiosk)
  install(FILES ${JIUZHU_HOST}/copyright ${JIUZHU_CHANGELOG} ${JIUZHU_DOCS}/operations.md ${JIUZHU_DOCS}/kiosk.md
          DESTINATION share/doc/jiuzhu-kiosk COMPONENT kiosk)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jiuzhu)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Jiuzhu maintainers <jiuzhu@example.org>")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL common server kiosk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_COMMON_PACKAGE_NAME jiuzhu-common)
set(CPACK_DEBIAN_COMMON_PACKAGE_ARCHITECTURE all)
set(CPACK_COMPONENT_COMMON_DESCRIPTION "Jiuzhu (救助) shared data\nRegions, holidays, policy catalog, county parameters, UI strings and\nsamples used by jiuzhu-server and jiuzhu-kiosk.")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME jiuzhu-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "jiuzhu-common (= ${PROJECT_VERSION}), adduser, fonts-wqy-microhei")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, pgbackrest")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${JIUZHU_HOST}/server/postinst;${JIUZHU_HOST}/server/prerm;${JIUZHU_HOST}/server/postrm;${JIUZHU_HOST}/server/conffiles")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "Jiuzhu (救助) intake backend\njiuzhu-server: the HTTP/JSON service for township kiosks and staff,\ncase workflow, proactive discovery and audit, on SQLite or PostgreSQL.\nRuns as the jiuzhu system user.")

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME jiuzhu-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "jiuzhu-common (= ${PROJECT_VERSION}), adduser, systemd, cage, cups-client, fonts-noto-cjk, fonts-wqy-microhei, rime-data-pinyin-simp, tegaki-zinnia-simplified-chinese, espeak-ng")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cups, wlr-randr, ddcutil")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${JIUZHU_HOST}/kiosk/postinst;${JIUZHU_HOST}/kiosk/postrm;${JIUZHU_HOST}/kiosk/conffiles")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "Jiuzhu (救助) touchscreen kiosk for township halls\njiuzhu-kiosk full screen in cage, with the ID card reader, document\ncamera and receipt printer tools, udev rules and the session units.")

include(CPack)
