<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the event passphrase</source>
        <translation>행사 암호 변경</translation>
    </message>
    <message>
        <source>%1 is encrypted. Enter its current passphrase, then the new one twice. Stations keep syncing: their own passphrases do not change.</source>
        <translation>%1 은(는) 암호화되어 있습니다. 현재 암호를 입력한 뒤 새 암호를 두 번 입력하세요. 다른 기기들은 계속 동기화되며, 그 기기들의 암호는 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>%1 is NOT encrypted: anyone who gets the file can read the attendee list. Choose a passphrase to encrypt it.</source>
        <translation>%1 은(는) 암호화되어 있지 않습니다. 파일을 가진 누구나 참가자 명단을 볼 수 있습니다. 암호를 정해 암호화하세요.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>현재 암호</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>새 암호</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>새 암호 다시 입력</translation>
    </message>
    <message>
        <source>Remove the encryption (not recommended)</source>
        <translation>암호화 해제 (권장하지 않음)</translation>
    </message>
    <message>
        <source>Without encryption anyone who gets this file can read every name, phone number and note.</source>
        <translation>암호화하지 않으면 이 파일을 가진 누구나 모든 이름·연락처·메모를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Re-encrypting the file… Please wait.</source>
        <translation>파일을 다시 암호화하는 중입니다… 잠시 기다려 주세요.</translation>
    </message>
    <message>
        <source>Enter the new passphrase.</source>
        <translation>새 암호를 입력하세요.</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>두 새 암호가 같지 않습니다.</translation>
    </message>
    <message>
        <source>The current passphrase is not right. Nothing was changed.</source>
        <translation>현재 암호가 맞지 않습니다. 아무것도 변경하지 않았습니다.</translation>
    </message>
    <message>
        <source>The passphrase was not changed.</source>
        <translation>암호를 바꾸지 못했습니다.</translation>
    </message>
</context>
</TS>
