package io.github.moodlecbm.core.inventory;

/**
 * Licence texts for the tests, shortened: each keeps the title, the headings and the passages that
 * a reader of licences could mistake for a plugin's own words (the GNU licences' "any later
 * version" in their terms and in their how-to appendix).
 */
final class LicenceTexts {
  private LicenceTexts() {}

  static final String GPL3 = """
                          GNU GENERAL PUBLIC LICENSE
                             Version 3, 29 June 2007

       Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
       Everyone is permitted to copy and distribute verbatim copies
       of this license document, but changing it is not allowed.

                                  Preamble

        The GNU General Public License is a free, copyleft license for
      software and other kinds of works.

                             TERMS AND CONDITIONS

        0. Definitions.

        "This License" refers to version 3 of the GNU General Public License.

        14. Revised Versions of this License.

        Each version is given a distinguishing version number.  If the
      Program specifies that a certain numbered version of the GNU General
      Public License "or any later version" applies to it, you have the
      option of following the terms and conditions either of that numbered
      version or of any later version published by the Free Software
      Foundation.

                           END OF TERMS AND CONDITIONS

                  How to Apply These Terms to Your New Programs

          <one line to give the program's name and a brief idea of what it does.>
          Copyright (C) <year>  <name of author>

          This program is free software: you can redistribute it and/or modify
          it under the terms of the GNU General Public License as published by
          the Free Software Foundation, either version 3 of the License, or
          (at your option) any later version.
      """;

  static final String GPL2 = """
                          GNU GENERAL PUBLIC LICENSE
                             Version 2, June 1991

       Copyright (C) 1989, 1991 Free Software Foundation, Inc.,
       51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA

                          GNU GENERAL PUBLIC LICENSE
         TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION

        9. The Free Software Foundation may publish revised and/or new versions
      of the General Public License from time to time.  If the Program
      specifies a version number of this License which applies to it and "any
      later version", you have the option of following the terms and conditions
      either of that version or of any later version.

                           END OF TERMS AND CONDITIONS

          This program is free software; you can redistribute it and/or modify
          it under the terms of the GNU General Public License as published by
          the Free Software Foundation; either version 2 of the License, or
          (at your option) any later version.
      """;

  static final String LGPL21 = """
                        GNU LESSER GENERAL PUBLIC LICENSE
                             Version 2.1, February 1999

       Copyright (C) 1991, 1999 Free Software Foundation, Inc.

                        GNU LESSER GENERAL PUBLIC LICENSE
         TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION

        13. ... If the Library specifies a version number of this License which
      applies to it and "any later version", you have the option of following
      the terms and conditions either of that version or of any later version.
      """;

  /** The LGPL 3 has no "TERMS AND CONDITIONS" heading: it adds to the GPL 3's. */
  static final String LGPL3 = """
                         GNU LESSER GENERAL PUBLIC LICENSE
                             Version 3, 29 June 2007

       Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>

        This version of the GNU Lesser General Public License incorporates
      the terms and conditions of version 3 of the GNU General Public
      License, supplemented by the additional permissions listed below.

        6. Revised Versions of the GNU Lesser General Public License.

        If the Library as you received it specifies that a certain numbered
      version of the GNU Lesser General Public License "or any later version"
      applies to it, you have the option of following the terms and
      conditions either of that published version or of any later version.
      """;

  static final String MIT = """
      MIT License

      Copyright (c) 2024 Someone

      Permission is hereby granted, free of charge, to any person obtaining a copy
      of this software and associated documentation files (the "Software"), to deal
      in the Software without restriction, including without limitation the rights
      to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
      copies of the Software, and to permit persons to whom the Software is
      furnished to do so, subject to the following conditions:

      The above copyright notice and this permission notice shall be included in all
      copies or substantial portions of the Software.

      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
      IMPLIED.
      """;

  static final String APACHE2 = """

                                       Apache License
                                 Version 2.0, January 2004
                              http://www.apache.org/licenses/

         TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION

         1. Definitions.
      """;

  static final String BSD3 = """
      Copyright (c) 2024, Someone
      All rights reserved.

      Redistribution and use in source and binary forms, with or without
      modification, are permitted provided that the following conditions are met:

      1. Redistributions of source code must retain the above copyright notice, this
         list of conditions and the following disclaimer.
      2. Redistributions in binary form must reproduce the above copyright notice,
         this list of conditions and the following disclaimer in the documentation
         and/or other materials provided with the distribution.
      3. Neither the name of the copyright holder nor the names of its
         contributors may be used to endorse or promote products derived from
         this software without specific prior written permission.

      THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
      AND ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.
      """;

  /** The start of a PHP file of a Moodle plugin, as Moodle's coding style writes it. */
  static final String MOODLE_HEADER = """
      <?php
      // This file is part of Moodle - https://moodle.org/
      //
      // Moodle is free software: you can redistribute it and/or modify
      // it under the terms of the GNU General Public License as published by
      // the Free Software Foundation, either version 3 of the License, or
      // (at your option) any later version.
      //
      // Moodle is distributed in the hope that it will be useful,
      // but WITHOUT ANY WARRANTY; without even the implied warranty of
      // MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
      // GNU General Public License for more details.
      //
      // You should have received a copy of the GNU General Public License
      // along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

      /**
       * Version details.
       *
       * @package    mod_register
       * @copyright  2024 Someone
       * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
       */

      defined('MOODLE_INTERNAL') || die();

      """;

  /** A docblock alone, with the given {@code @license} tag's text. */
  static String docblock(String license) {
    return "<?php\n/**\n * Library functions.\n *\n * @package    local_thing\n * @copyright  2024 Someone\n * @license    "
        + license + "\n */\n\ndefined('MOODLE_INTERNAL') || die();\n";
  }
}
